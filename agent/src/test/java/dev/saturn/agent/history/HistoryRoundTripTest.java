package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void liveReportsComeBackWithTheirCellsStatusesReasonsAndMetrics() throws Exception {
        List<UseReport> live = LiveReports.take(3, Duration.ofMillis(200));
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (UseReport r : live) {
                w.append(r);
            }
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            List<UseReport> back = reader.range(Instant.EPOCH, Instant.now().plusSeconds(60), null, 100);
            assertEquals(live.size(), back.size());
            for (int i = 0; i < live.size(); i++) {
                assertSame(live.get(i), back.get(i));
            }
        }
    }

    @Test
    void aRowThatGoesAndComesBackIsStoredUnderEachShapeInTurn() throws Exception {
        UseReport full = LiveReports.take(1, Duration.ofMillis(100)).get(0);
        List<ResourceUse> rows = new java.util.ArrayList<>(full.resources());
        rows.remove(rows.size() - 1);
        UseReport fewer = LayoutTest.withRows(full, rows);
        Instant t0 = Instant.parse("2026-01-01T03:00:00Z");
        List<UseReport> written = List.of(at(full, t0), at(fewer, t0.plusSeconds(1)), at(fewer, t0.plusSeconds(2)),
                at(full, t0.plusSeconds(3)), at(fewer, t0.plusSeconds(4)));
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (UseReport r : written) {
                w.append(r);
            }
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            List<UseReport> back = reader.range(t0, t0.plusSeconds(10), null, 100);
            assertEquals(written.size(), back.size());
            for (int i = 0; i < written.size(); i++) {
                assertSame(written.get(i), back.get(i));
            }
        }
    }

    @Test
    void nearestPicksTheClosestSampleOnEitherSide() throws Exception {
        UseReport r = LiveReports.take(1, Duration.ofMillis(100)).get(0);
        Instant t0 = Instant.parse("2026-01-01T03:00:00Z");
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (int i = 0; i < 10; i++) {
                w.append(at(r, t0.plusSeconds(10L * i)));
            }
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            assertEquals(t0.plusSeconds(30), reader.nearest(t0.plusSeconds(34)).orElseThrow().timestamp());
            assertEquals(t0.plusSeconds(40), reader.nearest(t0.plusSeconds(36)).orElseThrow().timestamp());
            assertEquals(t0, reader.nearest(t0.minusSeconds(3600)).orElseThrow().timestamp());
            assertEquals(4, reader.range(t0, t0.plusSeconds(90), Duration.ofSeconds(25), 100).size(), "step 25 s over 0..90 s: 0, 30, 60, 90");
            assertEquals(10, reader.count(t0, t0.plusSeconds(90)));
        }
    }

    static UseReport at(UseReport r, Instant t) {
        return new UseReport(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(), t,
                r.resources(), r.findings(), r.topProcesses(), r.topProcessesReason());
    }

    static void assertSame(UseReport want, UseReport got) {
        assertEquals(want.host(), got.host());
        assertEquals(want.timestamp().toEpochMilli(), got.timestamp().toEpochMilli());
        assertEquals(want.intervalSeconds(), got.intervalSeconds(), 0.0006);
        assertEquals(want.resources().size(), got.resources().size());
        for (int r = 0; r < want.resources().size(); r++) {
            ResourceUse a = want.resources().get(r);
            ResourceUse b = got.resources().get(r);
            String where = a.resource() + " " + a.device();
            assertEquals(a.resource(), b.resource());
            assertEquals(a.device(), b.device());
            assertEquals(a.unavailableMetrics(), b.unavailableMetrics(), where);
            assertEquals(a.metrics().keySet(), b.metrics().keySet(), where);
            for (Map.Entry<String, Double> m : a.metrics().entrySet()) {
                assertClose(m.getValue(), b.metrics().get(m.getKey()), where + " " + m.getKey());
            }
            List<Cell> ca = List.of(a.utilization(), a.saturation(), a.errors());
            List<Cell> cb = List.of(b.utilization(), b.saturation(), b.errors());
            for (int c = 0; c < 3; c++) {
                assertEquals(ca.get(c).metric(), cb.get(c).metric(), where);
                assertEquals(ca.get(c).unit(), cb.get(c).unit(), where);
                assertEquals(ca.get(c).status(), cb.get(c).status(), where + " " + ca.get(c).metric());
                assertEquals(ca.get(c).reason(), cb.get(c).reason(), where + " " + ca.get(c).metric());
                assertClose(ca.get(c).value(), cb.get(c).value(), where + " " + ca.get(c).metric());
            }
        }
        assertEquals(want.findings().size(), got.findings().size());
        for (int i = 0; i < want.findings().size(); i++) {
            assertEquals(want.findings().get(i).severity(), got.findings().get(i).severity());
            assertEquals(want.findings().get(i).resource(), got.findings().get(i).resource());
        }
    }

    static void assertClose(Double want, Double got, String what) {
        if (want == null) {
            assertNull(got, what);
        } else {
            assertTrue(got != null && Math.abs(want - got) <= 0.0005 + Math.abs(want) * 1e-12, what + ": " + want + " came back as " + got);
        }
    }
}
