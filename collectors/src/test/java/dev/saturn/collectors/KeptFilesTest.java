package dev.saturn.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import dev.saturn.testkit.Needs;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The live /proc files KernelFile keeps open answer each read with the kernel's current text, whole. */
class KeptFilesTest {
    @Test
    void aKeptFileIsReadAfreshEachTime() throws Exception {
        Path uptime = Path.of("/proc/uptime");
        assertTrue(KeptFiles.keeps(uptime));
        String first = KernelFile.read(uptime).value();
        Thread.sleep(50);
        String second = KernelFile.read(uptime).value();
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
            assertEquals(expected, KernelFile.read(pidMax).value());
        }
    }

    @Test
    void aKeptSysfsAttributeIsReadAfreshEachTime() throws Exception {
        Path received = Path.of("/sys/class/net/lo/statistics/rx_packets");
        Needs.machine(Files.isReadable(received), "no " + received + " here");
        assertTrue(KeptFiles.keeps(received));
        long before = KernelFile.readLong(received).value();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 5; i++) {
                socket.send(new DatagramPacket(new byte[1], 1, socket.getLocalSocketAddress()));
            }
        }
        long after = KernelFile.readLong(received).value();
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
            assertEquals("100", KernelFile.readTrimmed(limit).value());
            assertEquals("100", KernelFile.readTrimmed(limit).value());
            Files.delete(group);
            Reading<String> gone = KernelFile.read(limit);
            assertFalse(gone.isAvailable(), "a removed cgroup's file must not answer from the kept descriptor: " + gone.value());
            assertTrue(gone.reason().contains("does not exist"), gone.reason());
            Files.createDirectory(group);
            assertEquals("max", KernelFile.readTrimmed(limit).value(), "the new cgroup's own limit, not the old one's");
        } finally {
            Files.deleteIfExists(group);
        }
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
        Reading<String> r = KernelFile.read(Path.of("/proc/no-such-file"));
        assertFalse(r.isAvailable());
        assertTrue(r.reason().contains("does not exist"), r.reason());
    }
}
