package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.AgentChild;
import dev.saturn.agent.history.HistoryDatabase;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.agent.history.HistoryWriter;
import dev.saturn.analyzers.use.UseReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed with SIGKILL while it writes loses at most its last 5 seconds (samples are appended
 * to history.db-recent in batches, docs/history.md), and its history reopens clean, for reading and for
 * a new agent, which commits what the log holds. Also: the history reads while the agent writes.
 */
class KillNineTest {
    @TempDir
    Path dir;

    /** At 1 s, the agent's default; at 100 ms, forty samples a batch. */
    @ParameterizedTest(name = "interval {0} ms")
    @ValueSource(longs = {1000, 100})
    void sigkillLosesAtMostTheLastFiveSecondsAndTheHistoryReopensClean(long intervalMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AgentChild.class.getName(),
                dir.toString(), Long.toString(intervalMs))
                .redirectOutput(dir.resolve("child.out").toFile()).redirectError(dir.resolve("child.err").toFile()).start();
        try {
            long seenWhileRunning = waitForSamples(5, Duration.ofSeconds(30), child);
            assertTrue(seenWhileRunning >= 5, "saturn history reads while the agent writes");
            // the worst moment: just before the next batch is committed, about 4 s after the last one
            waitForSamples(seenWhileRunning + 1, Duration.ofSeconds(30), child);
            Thread.sleep(3600 + intervalMs / 2);
        } finally {
            child.destroyForcibly();
        }
        Instant killed = Instant.now();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + HistoryDatabase.file(dir));
             ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            Instant newest = reader.span().orElseThrow().newest();
            long lostMs = Duration.between(newest, killed).toMillis();
            assertTrue(lostMs >= 0 && lostMs <= 5000, "newest sample " + lostMs + " ms before the kill");
            List<UseReport> all = reader.range(Instant.EPOCH, killed, null, 10_000);
            assertTrue(all.size() >= 5);
            assertEquals("cpu", all.get(all.size() - 1).resources().get(0).resource());
        }
        long seenAfterKill;
        try (HistoryReader reader = HistoryReader.open(dir)) {
            seenAfterKill = reader.span().orElseThrow().samples();
        }
        try (HistoryWriter again = HistoryWriter.open(dir)) {
            assertTrue(again.usedBytes() > 0, "a new agent takes the history over: the dead one's lock went with it");
        }
        assertEquals(0, Files.size(dir.resolve(HistoryDatabase.FILE + "-recent")), "the new agent committed the samples the killed one left");
        try (HistoryReader reader = HistoryReader.open(dir)) {
            assertEquals(seenAfterKill, reader.span().orElseThrow().samples(), "every sample seen after the kill is kept, once");
        }
    }

    private long waitForSamples(long n, Duration timeout, Process child) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (new File(HistoryDatabase.file(dir).toString()).exists()) {
                try (HistoryReader reader = HistoryReader.open(dir)) {
                    long count = reader.span().map(HistoryReader.Span::samples).orElse(0L);
                    if (count >= n) {
                        return count;
                    }
                } catch (Exception e) {
                    // the schema may not exist yet in the first milliseconds
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the agent wrote fewer than " + n + " samples in " + timeout + "; alive=" + child.isAlive()
                + "; stderr: " + java.nio.file.Files.readString(dir.resolve("child.err")));
    }
}
