package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.AgentChild;
import dev.saturn.agent.history.HistoryDatabase;
import dev.saturn.agent.history.HistoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (systemctl stop) is a clean stop: the last sample is kept, the WAL checkpointed into the database, one log line. */
class SigtermTest {
    @TempDir
    Path dir;

    @Test
    void sigtermCheckpointsTheHistoryAndSaysSo() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AgentChild.class.getName(),
                dir.resolve("data").toString(), "200").redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(err).contains("sampling every") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        // At least 5 samples stored before the signal; on a loaded machine the start-up warm-up can take seconds.
        while (storedSamples(dir.resolve("data")) < 5 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        child.destroy();
        Instant stopped = Instant.now();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "stops within 10 s of SIGTERM");
        assertEquals(143, child.exitValue(), "exit status of SIGTERM");
        String log = Files.readString(err);
        assertTrue(log.contains("saturn agent: stopped after "), log);
        Path wal = Path.of(HistoryDatabase.file(dir.resolve("data")) + "-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "the WAL is checkpointed into history.db");
        try (HistoryReader reader = HistoryReader.open(dir.resolve("data"))) {
            HistoryReader.Span span = reader.span().orElseThrow();
            assertTrue(span.samples() >= 5, span.toString());
            assertTrue(Duration.between(span.newest(), stopped).toMillis() < 700, "the last sample is at most one interval old: " + span);
        }
    }

    private static long storedSamples(Path data) {
        if (!Files.exists(HistoryDatabase.file(data))) {
            return 0;
        }
        try (HistoryReader reader = HistoryReader.open(data)) {
            return reader.span().map(HistoryReader.Span::samples).orElse(0L);
        } catch (Exception e) {
            return 0;
        }
    }
}
