package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.UseReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample format 2 stores a zero as its tag alone; a history written in format 1 (by the saturn before it)
 * is still read, and an agent that writes to it again leaves its old samples readable.
 */
class SampleFormatTest {
    @TempDir
    Path dir;

    @Test
    void formatTwoIsSmallerAndBothComeBackTheSame() throws Exception {
        UseReport r = LiveReports.take(1, Duration.ofMillis(200)).get(0);
        Layout two = Layout.of(r);
        Layout one = formatOne(two);
        List<String> strings = new ArrayList<>();
        byte[] a = SampleCodec.encode(r, one, s -> id(strings, s));
        byte[] b = SampleCodec.encode(r, two, s -> id(strings, s));
        long zeros = r.resources().stream().flatMap(x -> x.metrics().values().stream()).filter(v -> v != null && v == 0).count();
        assertTrue(zeros > 10, "a quiet host has many counters at zero: " + zeros);
        assertTrue(b.length <= a.length - zeros + (a.length - zeros) / 8 + 1, "format 2: " + b.length + " bytes, format 1: " + a.length + ", zeros " + zeros);
        HistoryRoundTripTest.assertSame(r, SampleCodec.decode(a, one, r.timestamp(), r.intervalSeconds(), i -> strings.get(i - 1)));
        HistoryRoundTripTest.assertSame(r, SampleCodec.decode(b, two, r.timestamp(), r.intervalSeconds(), i -> strings.get(i - 1)));
    }

    @Test
    void aHistoryOfFormatOneIsReadAndStaysReadableAfterTheAgentWritesAgain() throws Exception {
        List<UseReport> live = LiveReports.take(2, Duration.ofMillis(200));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            w.append(HistoryRoundTripTest.at(live.get(0), t0));
        }
        // Rewrite the file as the saturn before format 2 left it: schema version 1, a layout without "codec", samples in format 1.
        try (Connection c = HistoryDatabase.connect(HistoryDatabase.file(dir), false); Statement s = c.createStatement()) {
            UseReport first = HistoryRoundTripTest.at(live.get(0), t0);
            Layout one = formatOne(Layout.of(first));
            String json = LayoutJson.write(one).replace("\"codec\":1,", "");
            s.execute("DELETE FROM samples");
            s.execute("DELETE FROM layouts");
            s.execute("DELETE FROM strings");
            List<String> strings = new ArrayList<>();
            byte[] data = SampleCodec.encode(first, one, x -> id(strings, x));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO layouts(id, shape) VALUES (1, ?)")) {
                p.setString(1, json);
                p.execute();
            }
            for (int i = 0; i < strings.size(); i++) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO strings(id, text) VALUES (?, ?)")) {
                    p.setInt(1, i + 1);
                    p.setString(2, strings.get(i));
                    p.execute();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO samples(ts, interval_ms, layout, data) VALUES (?, ?, 1, ?)")) {
                p.setLong(1, t0.toEpochMilli());
                p.setLong(2, Math.round(first.intervalSeconds() * 1000));
                p.setBytes(3, data);
                p.execute();
            }
            s.execute("PRAGMA user_version = 1");
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            HistoryRoundTripTest.assertSame(HistoryRoundTripTest.at(live.get(0), t0), reader.range(t0, t0.plusSeconds(1), null, 10).get(0));
        }
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            w.append(HistoryRoundTripTest.at(live.get(1), t0.plusSeconds(1)));
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            List<UseReport> back = reader.range(t0, t0.plusSeconds(2), null, 10);
            assertEquals(2, back.size());
            HistoryRoundTripTest.assertSame(HistoryRoundTripTest.at(live.get(0), t0), back.get(0));
            HistoryRoundTripTest.assertSame(HistoryRoundTripTest.at(live.get(1), t0.plusSeconds(1)), back.get(1));
        }
        try (Connection c = HistoryDatabase.connect(HistoryDatabase.file(dir), true); Statement s = c.createStatement()) {
            assertEquals(HistoryDatabase.SCHEMA_VERSION, HistoryDatabase.userVersion(s), "written to by this saturn: older ones refuse it");
        }
    }

    static Layout formatOne(Layout l) {
        return new Layout(1, l.host(), l.kernel(), l.cpuModel(), l.cpus(), l.memoryBytes(), l.rows());
    }

    static int id(List<String> strings, String s) {
        int i = strings.indexOf(s);
        if (i < 0) {
            strings.add(s);
            i = strings.size() - 1;
        }
        return i + 1;
    }
}
