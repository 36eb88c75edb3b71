package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.UseReport;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples staged in history.db-recent, with a layout that is only there: readers see them, a torn last
 * record costs that record only, and the next writer commits them. The killed agent: a copy of its
 * files taken while its writer is open.
 */
class RecentLogTest {
    @TempDir
    Path dir;

    @Test
    void stagedSamplesAreReadFromTheLogAndCommittedByTheNextWriter() throws Exception {
        UseReport live = LiveReports.take(1, Duration.ofMillis(100)).get(0);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Path running = dir.resolve("running");
        Path killed = dir.resolve("killed");
        Path torn = dir.resolve("torn");
        HistoryWriter w = HistoryWriter.open(running);
        w.append(HistoryRoundTripTest.at(live, t0));
        w.stage(List.of(elsewhere(live, t0.plusSeconds(1)), elsewhere(live, t0.plusSeconds(2)), elsewhere(live, t0.plusSeconds(3))));
        copy(running, killed);
        copy(running, torn);
        w.close();

        try (HistoryReader reader = HistoryReader.open(killed)) {
            assertEquals(4, reader.span().orElseThrow().samples());
            List<UseReport> all = reader.range(t0, t0.plusSeconds(10), null, 100);
            assertEquals("elsewhere", all.get(3).host(), "the new layout is read from the log");
            HistoryRoundTripTest.assertSame(elsewhere(live, t0.plusSeconds(3)), all.get(3));
            assertEquals(t0.plusSeconds(2), reader.nearest(t0.plusSeconds(2)).orElseThrow().timestamp());
            assertEquals(2, reader.count(t0.plusSeconds(2), t0.plusSeconds(3)));
        }
        try (RandomAccessFile log = new RandomAccessFile(torn.resolve(HistoryDatabase.FILE + RecentLog.SUFFIX).toFile(), "rw")) {
            log.setLength(log.length() - 3);
        }
        try (HistoryReader reader = HistoryReader.open(torn)) {
            assertEquals(t0.plusSeconds(2), reader.span().orElseThrow().newest(), "a torn last record costs that sample only");
        }
        try (HistoryWriter next = HistoryWriter.open(killed)) {
            assertEquals(0, Files.size(killed.resolve(HistoryDatabase.FILE + RecentLog.SUFFIX)), "the next writer commits the log");
        }
        try (HistoryReader reader = HistoryReader.open(killed)) {
            assertEquals(4, reader.span().orElseThrow().samples(), "each sample once");
            assertEquals("elsewhere", reader.nearest(t0.plusSeconds(3)).orElseThrow().host());
        }
    }

    private static UseReport elsewhere(UseReport r, Instant t) {
        return new UseReport("elsewhere", r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(), t,
                r.resources(), r.findings(), r.topProcesses(), r.topProcessesReason());
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (String name : new String[] {HistoryDatabase.FILE, HistoryDatabase.FILE + "-wal", HistoryDatabase.FILE + RecentLog.SUFFIX}) {
            if (Files.exists(from.resolve(name))) {
                Files.copy(from.resolve(name), to.resolve(name));
            }
        }
    }
}
