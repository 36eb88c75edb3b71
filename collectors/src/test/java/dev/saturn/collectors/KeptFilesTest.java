package dev.saturn.collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void perProcessAndNonProcFilesAreNotKept() {
        assertFalse(KeptFiles.keeps(Path.of("/proc/self/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/proc/thread-self/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/proc/1/stat")));
        assertFalse(KeptFiles.keeps(Path.of("/host/proc/stat")));
        assertFalse(KeptFiles.keeps(Path.of("proc/stat")));
        assertTrue(KeptFiles.keeps(Path.of("/proc/net/netstat")));
    }

    @Test
    void aMissingFileSaysSo() {
        Reading<String> r = KernelFile.read(Path.of("/proc/no-such-file"));
        assertFalse(r.isAvailable());
        assertTrue(r.reason().contains("does not exist"), r.reason());
    }
}
