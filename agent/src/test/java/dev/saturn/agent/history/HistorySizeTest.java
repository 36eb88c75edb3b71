package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.UseReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes on disk per sample: an hour of 1-second samples (3600 rows cycling through 30 real reports
 * of this host), WAL checkpointed, file size over rows. sadc writes about 1.7 KB per sample. The budget, 200 bytes
 * for the 97 figures of a 2-CPU VM, grows with the figures a host has (a disk, an interface or a filesystem more,
 * another row): the same host had two rows and 23 figures more while other builds made devices beside it.
 */
class HistorySizeTest {
    static final int SAMPLES = 3600;
    static final double BUDGET_BYTES = 200;
    static final int BUDGET_FIGURES = 97;

    @TempDir
    Path dir;

    @Test
    void anHourOfOneSecondSamplesTakesAtMost200BytesEachFor97Figures() throws Exception {
        List<UseReport> live = LiveReports.take(30, Duration.ofMillis(100));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (int i = 0; i < SAMPLES; i++) {
                w.append(HistoryRoundTripTest.at(live.get(i % live.size()), t0.plusSeconds(i)));
            }
            w.checkpoint();
        }
        long file = Files.size(HistoryDatabase.file(dir));
        double perSample = file / (double) SAMPLES;
        UseReport one = live.get(0);
        int rows = one.resources().size();
        int metrics = one.resources().stream().mapToInt(r -> r.metrics().size()).sum();
        System.out.printf(Locale.ROOT, "history size: %d samples of %d rows, %d metrics, %d cells: %d bytes on disk, %.1f bytes/sample (sadc: ~1700)%n",
                SAMPLES, rows, metrics, rows * 3, file, perSample);
        try (HistoryReader reader = HistoryReader.open(dir)) {
            assertEquals(SAMPLES, reader.count(t0, t0.plusSeconds(SAMPLES)));
        }
        double budget = BUDGET_BYTES * Math.max(1.0, (double) metrics / BUDGET_FIGURES);
        assertTrue(perSample <= budget, String.format(Locale.ROOT, "%.1f bytes per sample, over the %.0f-byte budget for %d figures",
                perSample, budget, metrics));
    }
}
