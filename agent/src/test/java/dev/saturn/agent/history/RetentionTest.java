package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;

    @Test
    void samplesOlderThanTheRetentionGoAndTheRestStays() throws Exception {
        UseReport r = LiveReports.take(1, Duration.ofMillis(100)).get(0);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (int i = 0; i < 7200; i++) {
                w.append(HistoryRoundTripTest.at(r, t0.plusSeconds(i)));
            }
            int deleted = w.trim(new Retention(Duration.ofHours(1), 1L << 30), t0.plusSeconds(7199).toEpochMilli());
            assertEquals(3599, deleted);
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            HistoryReader.Span span = reader.span().orElseThrow();
            assertEquals(t0.plusSeconds(3599), span.oldest());
            assertEquals(t0.plusSeconds(7199), span.newest());
        }
    }

    /** The wall clock stepped 30 days forward: the week of history before the step stays; age counts on the agent's own clock. */
    @Test
    void aWallClockSteppedForwardDeletesNoHistory() throws Exception {
        UseReport r = LiveReports.take(1, Duration.ofMillis(100)).get(0);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long[] nanos = {0};
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        HistoryWriter w = HistoryWriter.open(dir);
        w.append(HistoryRoundTripTest.at(r, t0.minus(Duration.ofDays(8))));
        try (HistoryRecorder recorder = new HistoryRecorder(w, new Retention(Duration.ofDays(7), 1L << 30),
                    new AgentLog(new PrintStream(logged, true, StandardCharsets.UTF_8)), () -> nanos[0])) {
            for (int i = 0; i < 2 * HistoryRecorder.TRIM_EVERY; i++, nanos[0] += 1_000_000_000L) {
                recorder.record(HistoryRoundTripTest.at(r, t0.plusSeconds(i)));
            }
            Instant jumped = t0.plus(Duration.ofDays(30));
            for (int i = 0; i < 2 * HistoryRecorder.TRIM_EVERY; i++, nanos[0] += 1_000_000_000L) {
                recorder.record(HistoryRoundTripTest.at(r, jumped.plusSeconds(i)));
            }
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            HistoryReader.Span span = reader.span().orElseThrow();
            assertEquals(t0, span.oldest(), "the 8-day-old sample goes (older than 7 days by any clock), the ones before the step stay");
            assertEquals(4 * HistoryRecorder.TRIM_EVERY, span.samples());
        }
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("the wall clock is 2591880 s ahead of the time elapsed since the agent started"), log);
    }

    @Test
    void theOldestGoWhileTheHistoryIsOverItsSizeAndFreedPagesAreReused() throws Exception {
        UseReport r = LiveReports.take(1, Duration.ofMillis(100)).get(0);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long max = 512 * 1024;
        Retention retention = new Retention(Duration.ofDays(7), max);
        long fileAfterFirstTrim;
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            int i = 0;
            for (; i < 6000; i++) {
                w.append(HistoryRoundTripTest.at(r, t0.plusSeconds(i)));
            }
            assertTrue(w.usedBytes() > max, "the test writes more than the limit: " + w.usedBytes());
            w.trim(retention, t0.plusSeconds(i).toEpochMilli());
            assertTrue(w.usedBytes() <= max, w.usedBytes() + " bytes used after trimming to " + max);
            w.checkpoint();
            fileAfterFirstTrim = java.nio.file.Files.size(HistoryDatabase.file(dir));
            for (int round = 0; round < 5; round++) {
                for (int k = 0; k < 1000; k++, i++) {
                    w.append(HistoryRoundTripTest.at(r, t0.plusSeconds(i)));
                }
                w.trim(retention, t0.plusSeconds(i).toEpochMilli());
                assertTrue(w.usedBytes() <= max, w.usedBytes() + " bytes used in round " + round);
            }
            w.checkpoint();
        }
        long file = java.nio.file.Files.size(HistoryDatabase.file(dir));
        assertTrue(file <= fileAfterFirstTrim + 64 * 1024, "the file stops growing: " + fileAfterFirstTrim + " -> " + file);
        try (HistoryReader reader = HistoryReader.open(dir)) {
            HistoryReader.Span span = reader.span().orElseThrow();
            assertEquals(t0.plusSeconds(10999), span.newest(), "the newest samples are the ones kept");
            assertTrue(span.samples() > 1000, span.samples() + " samples kept");
        }
    }
}
