package dev.saturn.collectors.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.saturn.collectors.HostPaths;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A kept reader on the live host and a shell that stays idle by its stat: it opens a file when told, in far less
 * than a tick of CPU, so only its context switches tell that it ran. The reader's idle refresh must see the file.
 */
class IdleRefreshTest {
    @Test
    void aProcessThatRanLessThanATickShowsTheFileItOpened() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "read a; exec 7</dev/null; read b").start();
        try (ProcessTableReader reader = new ProcessTableReader(HostPaths.liveHost(), Duration.ofMillis(200))) {
            int pid = (int) shell.pid();
            ProcessSample earlier = await(reader, pid, -1);
            ProcessSample later = find(reader, pid);
            for (int i = 0; i < 50 && later != earlier; i++) {
                earlier = later; // still starting
                later = find(reader, pid);
            }
            assertSame(earlier, later, "an idle process keeps its sample: an unchanged stat, and files that did not change");
            int before = later.detail().fds().get().open();

            OutputStream in = shell.getOutputStream();
            in.write("go\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            ProcessSample after = await(reader, pid, before + 1);
            assertEquals(before + 1, after.detail().fds().get().open(), "fd 7 opened");
        } finally {
            shell.destroy();
        }
    }

    /** The process's sample once its open fds are {@code fds} (any, for -1); the idle refresh comes within 1.2 s here. */
    private static ProcessSample await(ProcessTableReader reader, int pid, int fds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ProcessSample p = find(reader, pid);
            if (p != null && p.detail() != null && p.detail().fds().isAvailable()
                    && (fds < 0 || p.detail().fds().get().open() == fds)) {
                return p;
            }
            Thread.sleep(150);
        }
        throw new AssertionError("process " + pid + " never showed " + fds + " open fds: " + find(reader, pid));
    }

    private static ProcessSample find(ProcessTableReader reader, int pid) throws InterruptedException {
        Thread.sleep(110); // a kept reader walks at most every 100 ms
        for (ProcessSample p : reader.read().get().processes()) {
            if (p.pid() == pid) {
                return p;
            }
        }
        return null;
    }
}
