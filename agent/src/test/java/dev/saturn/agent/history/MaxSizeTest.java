package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.testkit.SmallDisk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --max-size bounds everything the agent writes in its directory: database, WAL, WAL index (and the
 * profiles' share, kept by ProfileStore). Three times --max-size of 1-second samples go through the
 * agent's recorder into a 2 MiB tmpfs with --max-size 2m (the disk a WAL alone once filled): the
 * directory never holds more than --max-size plus {@value #SLACK} bytes, and the disk never fills.
 */
class MaxSizeTest {
    static final long MAX_SIZE = 2 << 20;
    /** Documented in docs/history.md: the samples between two trims and a batch past the WAL's checkpoint. */
    static final long SLACK = 64 << 10;

    @TempDir
    Path tmp;

    @Test
    void aTwoMebibyteMaxSizeHoldsTheWholeDirectoryOnATwoMebibyteDisk() throws Exception {
        List<UseReport> live = LiveReports.take(30, Duration.ofMillis(100));
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        AgentLog log = new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
        long samples = 3 * MAX_SIZE / 150;
        Instant t0 = Instant.now().minusSeconds(samples);
        long largest = 0;
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), "2m", "aTwoMebibyteMaxSizeHoldsTheWholeDirectoryOnATwoMebibyteDisk")) {
            Path data = disk.mount.resolve("data");
            DiskBudget budget = DiskBudget.of(MAX_SIZE, DiskBudget.profileShare(MAX_SIZE, Long.MAX_VALUE));
            try (HistoryRecorder recorder = HistoryRecorder.start(data, new Retention(Duration.ofDays(7), MAX_SIZE), budget, log)) {
                for (int i = 0; i < samples; i++) {
                    recorder.record(HistoryRoundTripTest.at(live.get(i % live.size()), t0.plusSeconds(i)));
                    if (i % 500 == 0) {
                        largest = Math.max(largest, total(data));
                        assertTrue(largest <= MAX_SIZE + SLACK, "after " + i + " samples the directory holds " + largest
                                + " bytes: " + listing(data));
                        assertTrue(recorder.writing(), "writes failed after " + i + " samples: " + listing(data) + " " + logged);
                    }
                }
            }
            try (HistoryReader reader = HistoryReader.open(data)) {
                HistoryReader.Span span = reader.span().orElseThrow();
                assertTrue(span.oldest().isAfter(t0), "the oldest samples went to keep the size: " + span);
                assertTrue(span.samples() > samples / 5, "the bound keeps more than a fifth of what came: " + span);
            }
        }
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("writes stopped"), logged.toString(StandardCharsets.UTF_8));
        assertTrue(largest > MAX_SIZE / 2, "the history grew to its bound: " + largest);
        System.out.println("max size: " + samples + " samples into --max-size " + MAX_SIZE + ": the directory held at most " + largest + " bytes");
    }

    static long total(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // the WAL may be truncated away between list and size
                }
            }).sum();
        }
    }

    static String listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName() + " " + f.toFile().length()).toList().toString();
        }
    }
}
