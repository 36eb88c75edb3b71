package dev.saturn.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live /proc files a sampler's KernelFiles keeps open answer each read with the kernel's current text, whole;
 * each sampler keeps its own, and closing it closes them.
 */
class KeptFilesTest {
    private final KernelFiles files = KernelFiles.keptOpen();

    @AfterEach
    void close() {
        files.close();
    }

    @Test
    void aKeptFileIsReadAfreshEachTime() throws Exception {
        Path uptime = Path.of("/proc/uptime");
        assertTrue(KeptFiles.keeps(uptime));
        String first = files.read(uptime).value();
        Thread.sleep(50);
        String second = files.read(uptime).value();
        assertNotEquals(first, second, "/proc/uptime moves every 10 ms; a kept file must not answer with its old text");
        assertTrue(second.endsWith("\n") && second.trim().split(" ").length == 2, second);
    }

    @Test
    void procSysFilesComeBackWhole() throws Exception {
        Path pidMax = Path.of("/proc/sys/kernel/pid_max");
        String expected;
        try (InputStream in = Files.newInputStream(pidMax)) {
            expected = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(expected, files.read(pidMax).value());
        }
    }

    @Test
    void aKeptSysfsAttributeIsReadAfreshEachTime() throws Exception {
        Path received = Path.of("/sys/class/net/lo/statistics/rx_packets");
        Needs.machine(Files.isReadable(received), "no " + received + " here");
        assertTrue(KeptFiles.keeps(received));
        long before = files.readLong(received).value();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 5; i++) {
                socket.send(new DatagramPacket(new byte[1], 1, socket.getLocalSocketAddress()));
            }
        }
        long after = files.readLong(received).value();
        assertTrue(after >= before + 5, "five datagrams over lo, rx_packets " + before + " -> " + after);
    }

    /** A kept attribute of a directory that goes away and comes back under the same name reads the new one. */
    @Test
    void aCgroupRemovedAndMadeAgainIsReadThroughItsNewFile() throws Exception {
        Path parent = Stream.of("/sys/fs/cgroup/pids", "/sys/fs/cgroup").map(Path::of)
                .filter(p -> Files.isWritable(p) && Files.exists(p.resolve("cgroup.procs"))).findFirst().orElse(null);
        Needs.machine(parent != null, "no writable cgroup hierarchy here (needs root, and /sys/fs/cgroup mounted read-write)");
        Path group = parent.resolve("saturn-kept-" + ProcessHandle.current().pid());
        Path limit = group.resolve("pids.max");
        Files.createDirectory(group);
        try {
            Needs.machine(Files.exists(limit), "no pids controller in " + parent);
            Files.writeString(limit, "100");
            assertEquals("100", files.readTrimmed(limit).value());
            assertEquals("100", files.readTrimmed(limit).value());
            Files.delete(group);
            Reading<String> gone = files.read(limit);
            assertFalse(gone.isAvailable(), "a removed cgroup's file must not answer from the kept descriptor: " + gone.value());
            assertTrue(gone.reason().contains("does not exist"), gone.reason());
            Files.createDirectory(group);
            assertEquals("max", files.readTrimmed(limit).value(), "the new cgroup's own limit, not the old one's");
        } finally {
            Files.deleteIfExists(group);
        }
    }

    @Test
    void twoOwnersKeepTablesOfTheirOwnAndClosingOneClosesItsFiles() throws Exception {
        Path stat = Path.of("/proc/stat");
        long before = descriptorsOf(stat);
        KernelFiles other = KernelFiles.keptOpen();
        try {
            files.read(stat).value();
            other.read(stat).value();
            files.read(stat).value();
            assertEquals(before + 2, descriptorsOf(stat), "each owner opens /proc/stat once, and only once");
            other.close();
            assertEquals(before + 1, descriptorsOf(stat), "closing one owner closes its /proc/stat, not the other's");
            assertTrue(other.read(stat).value().startsWith("cpu "), "a closed owner still reads, the ordinary way");
            assertEquals(before + 1, descriptorsOf(stat), "and keeps nothing open");
            files.close();
            assertEquals(before, descriptorsOf(stat));
        } finally {
            other.close();
        }
    }

    @Test
    void closingASnapshotReaderClosesTheFilesItKeptOpen() throws Exception {
        Path meminfo = Path.of("/proc/meminfo");
        long before = descriptorsOf(meminfo);
        SnapshotReader first = new SnapshotReader(HostPaths.liveHost(), false);
        SnapshotReader second = new SnapshotReader(HostPaths.liveHost(), false);
        try {
            first.live(Reading.unavailable("no PMU in this test"));
            second.live(Reading.unavailable("no PMU in this test"));
            assertEquals(before + 2, descriptorsOf(meminfo), "two readers, two tables");
            assertEquals(HostPaths.liveHost(), first.paths(), "a reader's own files do not change where it reads");
        } finally {
            first.close();
            second.close();
        }
        assertEquals(before, descriptorsOf(meminfo));
    }

    @Test
    void perProcessAndNonProcFilesAreNotKept() {
        assertFalse(KeptFiles.keeps(Path.of("/proc/self/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/proc/thread-self/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/proc/1/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/host/proc/stat")));
        assertFalse(KeptFiles.keeps(Path.of("proc/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/host/sys/block")));
        assertTrue(KeptFiles.keeps(Path.of("/proc/net/netstat")));
    }

    @Test
    void aMissingFileSaysSo() {
        Reading<String> r = files.read(Path.of("/proc/no-such-file"));
        assertFalse(r.isAvailable());
        assertTrue(r.reason().contains("does not exist"), r.reason());
    }

    /** How many of this process's descriptors are open on {@code file}. */
    private static long descriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // the descriptor Files.list itself used, closed by now
                }
            }).count();
        }
    }
}
