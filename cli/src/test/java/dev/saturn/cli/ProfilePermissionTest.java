package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `saturn profile` as an unprivileged user (nobody): the refusals root never meets, each one line
 * that says what to do, before any waiting.
 */
class ProfilePermissionTest {
    @TempDir
    static Path tmp;

    static String classpath;

    @BeforeAll
    static void worldReadableClasspath() throws IOException {
        AsNobody.requireRoot("ProfilePermissionTest");
        classpath = AsNobody.classpath(tmp);
    }

    private static ChildProcess saturnAsNobody(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("profile"));
        all.addAll(List.of(args));
        return ChildProcess.jvm(AsNobody.PREFIX, classpath, Saturn.class.getName(), all.toArray(String[]::new));
    }

    private static Path worldWritable(String name) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    @Test
    void systemWideProfileNamesTheSysctlThatAllowsIt() throws Exception {
        int paranoid = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip());
        Needs.machine(paranoid > 0, "kernel.perf_event_paranoid is " + paranoid + ", so --all is allowed to every user");
        Path out = worldWritable("all").resolve("host.svg");
        long start = System.nanoTime();
        try (ChildProcess saturn = saturnAsNobody("--all", "--duration", "20s", "-o", out.toString())) {
            assertTrue(saturn.process.waitFor(60, TimeUnit.SECONDS));
            String err = saturn.stderr();
            assertEquals(2, saturn.process.exitValue(), err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("saturn: "), err);
            assertTrue(err.contains("kernel.perf_event_paranoid") && err.contains("is " + paranoid), err);
            assertTrue(err.contains("sysctl kernel.perf_event_paranoid=0"), err);
        }
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "refused before the 20 s of sampling");
        assertFalse(Files.exists(out), "no output file");
    }

    @Test
    void anOutputTheUserCannotWriteIsRefusedBeforeProfiling() throws Exception {
        Path rootOnly = Files.createDirectory(tmp.resolve("root-only"));
        Files.setPosixFilePermissions(rootOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = rootOnly.resolve("cpu.svg");
        List<String> sleep = new ArrayList<>(AsNobody.PREFIX);
        sleep.addAll(List.of("sleep", "60"));
        Process target = new ProcessBuilder(sleep).start();
        long start = System.nanoTime();
        try (ChildProcess saturn = saturnAsNobody("-p", String.valueOf(target.pid()), "--duration", "20s", "-o", out.toString())) {
            assertTrue(saturn.process.waitFor(60, TimeUnit.SECONDS));
            String err = saturn.stderr();
            assertEquals(2, saturn.process.exitValue(), err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("saturn: cannot write " + out + ": permission denied"), err);
        } finally {
            target.destroyForcibly().waitFor();
        }
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "refused before the 20 s of sampling");
        assertFalse(Files.exists(out));
    }
}
