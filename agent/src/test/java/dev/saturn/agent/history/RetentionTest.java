package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.UseReport;
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
