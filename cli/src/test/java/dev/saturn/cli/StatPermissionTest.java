package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `saturn stat` as an unprivileged user (nobody, through setpriv): on its own process it counts user
 * space only where kernel.perf_event_paranoid is 2, as perf stat does; on root's process the kernel
 * refuses, and the one-line error says why and what to do. Needs root to switch users (CI runs as root).
 */
class StatPermissionTest {
    @TempDir
    static Path tmp;

    static String classpath;

    @BeforeAll
    static void worldReadableClasspath() throws IOException {
        AsNobody.requireRoot("StatPermissionTest");
        classpath = AsNobody.classpath(tmp);
    }

    private static ChildProcess saturnAsNobody(int pid) throws IOException {
        return ChildProcess.jvm(AsNobody.PREFIX, classpath, Saturn.class.getName(), "stat", "-p", String.valueOf(pid), "--duration", "1s");
    }

    @Test
    void ownProcessIsCountedInUserSpaceWhereParanoidForbidsKernelCounting() throws Exception {
        int paranoid = Integer.parseInt(Files.readString(Path.of("/proc/sys/kernel/perf_event_paranoid")).strip());
        try (ChildProcess target = ChildProcess.jvm(AsNobody.PREFIX, classpath, StatBurner.class.getName(), "20000")) {
            target.awaitLine("ready");
            try (ChildProcess stat = saturnAsNobody(target.pid())) {
                assertTrue(stat.process.waitFor(60, TimeUnit.SECONDS));
                String out = stat.stdout();
                String err = stat.stderr();
                if (paranoid > 2) {
                    assertEquals(2, stat.process.exitValue(), out);
                    assertTrue(err.contains("kernel.perf_event_paranoid is " + paranoid), err);
                    return;
                }
                assertEquals(0, stat.process.exitValue(), err);
                boolean userOnly = paranoid == 2;
                assertEquals(userOnly, out.contains(" msec task-clock:u "), out);
                assertEquals(userOnly, out.contains(":u = user space only"), out);
            }
        }
    }

    @Test
    void anotherUsersProcessIsRefusedWithWhatToDo() throws Exception {
        try (ChildProcess target = ChildProcess.burner("20000"); ChildProcess stat = saturnAsNobody(target.pid())) {
            assertTrue(stat.process.waitFor(60, TimeUnit.SECONDS));
            String err = stat.stderr();
            assertEquals(2, stat.process.exitValue(), err);
            assertEquals(1, err.strip().lines().count(), err);
            assertTrue(err.startsWith("saturn: perf_event_open refused to count PID " + target.pid() + " (EACCES): "), err);
            assertTrue(err.contains("CAP_PERFMON"), err);
        }
    }

    @Test
    void anotherUsersJvmIsSaidToBeAnotherUsersNotNotAJvm() throws Exception {
        // /proc/PID/maps reads as mode 0444 but the kernel refuses to open it: that JVM was called "not a JVM"
        try (ChildProcess target = ChildProcess.burner("20000");
                ChildProcess jfr = ChildProcess.jvm(AsNobody.PREFIX, classpath, Saturn.class.getName(), "jfr", "start", "-p",
                        String.valueOf(target.pid()))) {
            assertTrue(jfr.process.waitFor(60, TimeUnit.SECONDS));
            String err = jfr.stderr();
            assertEquals(2, jfr.process.exitValue(), err);
            assertEquals("saturn: cannot read /proc/" + target.pid() + "/maps: process " + target.pid() + " (java) belongs to "
                    + "another user: run saturn as that user or as root\n", err);
        }
    }
}
