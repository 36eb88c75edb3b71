package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.AgentChild;
import dev.saturn.agent.history.HistoryDatabase;
import dev.saturn.agent.history.HistoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the agent makes the disk write per 1-second sample, as the kernel counts it (write_bytes in
 * /proc/PID/io): at most {@value #BUDGET_BYTES} bytes over a minute, against 5.7 KB with an SQLite commit
 * per sample and 1.5 KB with one every 4 s. The minute holds the log's appends, not a database commit
 * (one every 10 minutes): the 10-minute figure with them, beside sadc's, comes from bench/history-writes.sh
 * (docs/performance.md). The data directory is under target/, on the build's disk: a tmpfs is never
 * written back, and counts nothing.
 */
class HistoryWritesTest {
    static final long BUDGET_BYTES = 1000;
    static final Duration WARM_UP = Duration.ofSeconds(15);
    static final Duration WINDOW = Duration.ofSeconds(60);
    private final Path dir = Path.of("target", "history-writes-test").toAbsolutePath();

    @AfterEach
    void removeTheHistory() throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aOneSecondSampleCostsTheDiskAtMost1000Bytes() throws Exception {
        removeTheHistory();
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // no hsperfdata file: its page, written back and dirtied again, would be counted as the agent's
        Process child = new ProcessBuilder(java, "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                AgentChild.class.getName(), dir.toString(), "1000")
                .redirectOutput(dir.resolve("child.out").toFile()).redirectError(dir.resolve("child.err").toFile()).start();
        try {
            Thread.sleep(WARM_UP.toMillis()); // past the start: the database created, sqlite-jdbc's library unpacked
            assertTrue(child.isAlive(), Files.readString(dir.resolve("child.err")));
            long before = writeBytes(child.pid());
            Instant from = Instant.now();
            Thread.sleep(WINDOW.toMillis());
            long written = writeBytes(child.pid()) - before;
            Instant to = Instant.now();
            long samples;
            try (HistoryReader reader = HistoryReader.open(dir)) {
                samples = reader.count(from, to);
            }
            assertTrue(samples >= WINDOW.toSeconds() / 2, samples + " samples stored in " + WINDOW + ": "
                    + Files.readString(dir.resolve("child.err")));
            double perSample = written / (double) WINDOW.toSeconds();
            System.out.printf(Locale.ROOT, "history writes: %d bytes in %d s of 1 s samples: %.0f bytes a sample (%s)%n",
                    written, WINDOW.toSeconds(), perSample, HistoryDatabase.file(dir));
            assertTrue(perSample <= BUDGET_BYTES, String.format(Locale.ROOT, "%.0f bytes written a sample, over %d", perSample, BUDGET_BYTES));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private static long writeBytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring("write_bytes:".length()).trim());
            }
        }
        throw new IllegalStateException("no write_bytes in /proc/" + pid + "/io");
    }
}
