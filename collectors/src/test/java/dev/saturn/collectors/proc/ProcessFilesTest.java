package dev.saturn.collectors.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-process files' parsers on text recorded on this machine, and a process table read from a tree. */
class ProcessFilesTest {
    /** PID 1 here: 52 fields, a comm with an underscore, 18 threads, 3232 pages resident. */
    private static final String STAT = "1 (process_api) S 0 0 0 0 -1 4194560 148537 278002207 0 40403 6927 21362 3714982 622930 10 -10 18 0 18 "
            + "52809728 3232 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    @TempDir
    Path tmp;

    private static ProcessSample stat(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return ProcStatParser.parse(b, b.length, 4096);
    }

    @Test
    void statGivesCpuFaultsThreadsResidentSetStartAndBlockIoDelay() {
        ProcessSample p = stat(STAT);
        assertEquals(1, p.pid());
        assertEquals("process_api", p.comm());
        assertEquals('S', p.state());
        assertEquals(6927 + 21362, p.cpuTicks());
        assertEquals(0, p.majorFaults());
        assertEquals(18, p.threads());
        assertEquals(3232L * 4096, p.rssBytes());
        assertEquals(18, p.startTicks());
        assertEquals(0, p.blkioTicks());
        // field 42, delayacct_blkio_ticks, where the kernel keeps it
        ProcessSample delayed = stat(STAT.replace("17 1 0 0 0 0 0", "17 1 0 0 77 0 0"));
        assertEquals(77, delayed.blkioTicks());
    }

    @Test
    void statOfACommWithSpacesParenthesesAndDigits() {
        ProcessSample p = stat("4242 (my (odd) 1 2) R 1 4242 4242 0 -1 4194304 100 0 5 0 150 25 0 0 20 0 3 0 100 0 7\n");
        assertEquals("my (odd) 1 2", p.comm());
        assertEquals(175, p.cpuTicks());
        assertEquals(5, p.majorFaults());
        assertEquals(3, p.threads());
        assertEquals(7L * 4096, p.rssBytes());
    }

    @Test
    void ioLimitsStatusAndCgroup() {
        ProcessIo io = ProcessDetailReader.parseIo("rchar: 1777842932\nwchar: 562113190\nsyscr: 3172661\nsyscw: 113685\n"
                + "read_bytes: 45203456\nwrite_bytes: 897835008\ncancelled_write_bytes: 179736576\n");
        assertEquals(45203456, io.readBytes());
        assertEquals(897835008, io.writeBytes());
        String limits = "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max processes             95365                95365                processes \n"
                + "Max open files            20000                40000                files     \n";
        assertEquals(20000, ProcessDetailReader.parseOpenFilesLimit(limits));
        assertEquals(-1, ProcessDetailReader.parseOpenFilesLimit(limits.replace("20000   ", "unlimited")));
        assertEquals(12L * 1024, ProcessDetailReader.parseSwap("Name:\tx\nVmRSS:\t  100 kB\nVmSwap:\t      12 kB\n"));
        assertEquals(0, ProcessDetailReader.parseSwap("Name:\tkworker/0:1\nThreads:\t1\n"), "a kernel thread has no memory to swap");
        assertEquals(123456, ProcessDetailReader.schedstatDelay("4801042 123456 3\n"));
        assertEquals(40 + 7, ProcessDetailReader.switches(dev.saturn.collectors.Reading.of(
                "Name:\tsleep\nVmSwap:\t0 kB\nvoluntary_ctxt_switches:\t40\nnonvoluntary_ctxt_switches:\t7\n")));
        assertEquals(-1, ProcessDetailReader.switches(dev.saturn.collectors.Reading.of("Name:\tx\n")));
        assertEquals("/process_api/fbb8", ProcessDetailReader.parseCgroup("9:name=systemd:/\n4:memory:/process_api/fbb8\n1:cpu:/\n0::/\n"));
        assertEquals("/system.slice/ssh.service", ProcessDetailReader.parseCgroup("0::/system.slice/ssh.service\n"));
    }

    @Test
    void tcpGivesEachSocketsQueuesByInode() {
        Map<Long, SocketQueue> sockets = new HashMap<>();
        TcpSocketReader.parse("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:EC13 00000000:0000 0A 00000000:00000010 00:00000000 00000000     0        0 3700676 1 000000003fd4a8cc 100 0 0 10 0\n"
                + "   1: 0100007F:1F90 0100007F:A1B2 01 00000200:0001A000 00:00000000 00000000     0        0 1098 1 0000000059ffc8e8 20 4 30 10 -1\n"
                + "   2: 0100007F:1F90 0100007F:A1B3 06 00000000:00000000 03:00000F9B 00000000     0        0 0 3 0000000059ffc8e8\n", sockets);
        assertEquals(2, sockets.size(), "a TIME_WAIT socket has no inode and no process");
        assertEquals(new SocketQueue(1098, 1, 0x200, 0x1A000), sockets.get(1098L));
        assertEquals(16, sockets.get(3700676L).receiveQueue(), "a listener's accept backlog");
    }

    @Test
    void aTreeGivesEachProcessItsFilesAndSockets() throws Exception {
        Path proc = tmp.resolve("proc");
        write(proc.resolve("7/stat"), "7 (server) S 1 7 7 0 -1 0 10 0 2 0 300 100 0 0 20 0 1 0 500 1000 25\n");
        write(proc.resolve("7/schedstat"), "4000000000 250000000 1000\n");
        write(proc.resolve("7/io"), "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n");
        write(proc.resolve("7/status"), "Name:\tserver\nVmSwap:\t       4 kB\n");
        write(proc.resolve("7/limits"), "Max open files            64                   4096                 files     \n");
        write(proc.resolve("7/cgroup"), "0::/app.slice/server.service\n");
        Files.createDirectories(proc.resolve("7/fd"));
        Files.createSymbolicLink(proc.resolve("7/fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(proc.resolve("7/fd/3"), Path.of("socket:[1098]"));
        Files.createSymbolicLink(proc.resolve("7/fd/4"), Path.of("socket:[99]"));
        write(proc.resolve("sys/kernel/task_delayacct"), "0\n");
        write(proc.resolve("net/tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
                + "   1: 0100007F:1F90 0100007F:A1B2 01 00000200:0001A000 00:00000000 00000000     0        0 1098 1 0000000059ffc8e8 20 4 30 10 -1\n");
        ProcessTable table = ProcessTableReader.read(HostPaths.snapshotTree(tmp)).get();
        assertEquals(1, table.processes().size());
        ProcessSample p = table.processes().get(0);
        ProcessDetail d = p.detail();
        assertEquals(250000000L, d.runDelayNanos().get());
        assertEquals(new ProcessIo(4096, 8192), d.io().get());
        assertEquals(4096L, d.swapBytes().get());
        assertEquals(3, d.fds().get().open());
        assertEquals(64L, d.fds().get().softLimit());
        long[] sockets = d.fds().get().socketInodes();
        java.util.Arrays.sort(sockets);
        assertArrayEquals(new long[] {99, 1098}, sockets);
        assertEquals("/app.slice/server.service", d.cgroup());
        assertFalse(table.delayAccounting().get());
        assertEquals(0x1A000, table.sockets().get().get(1098L).receiveQueue());
        assertNull(table.sockets().get().get(99L), "a unix socket is not in /proc/net/tcp");
    }

    @Test
    void aTreeWithoutTheSlowerFilesSaysSoForEach() throws Exception {
        write(tmp.resolve("proc/7/stat"), "7 (old) S 1 7 7 0 -1 0 10 0 2 0 300 100 0 0 20 0 1 0 500 1000 25\n");
        ProcessDetail d = ProcessTableReader.read(HostPaths.snapshotTree(tmp)).get().processes().get(0).detail();
        assertTrue(d.io().reason().contains("holds no proc/PID/io"), d.io().reason());
        assertTrue(d.fds().reason().contains("holds no proc/PID/limits"), d.fds().reason());
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
