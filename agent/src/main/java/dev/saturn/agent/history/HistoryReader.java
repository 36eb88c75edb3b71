package dev.saturn.agent.history;

import dev.saturn.analyzers.use.UseReport;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads reports back from the history, read-only, while an agent may be writing it. */
public final class HistoryReader implements AutoCloseable {
    private final Path dataDir;
    private final Connection db;
    private final Map<Integer, Layout> layouts = new HashMap<>();
    private final Map<Integer, String> strings = new HashMap<>();

    /** The rows of history.db-recent not in the database yet, oldest first: newer than all of its samples. */
    private final List<RecentLog.Row> tail;

    /** The log is read before the database: rows the agent commits in between are then in both (and taken from the database), never in neither. */
    private HistoryReader(Path dataDir, Connection db, List<RecentLog.Entry> recent) throws SQLException {
        this.dataDir = dataDir;
        this.db = db;
        this.tail = tail(recent, db, layouts, strings);
    }

    public static HistoryReader open(Path dataDir) throws HistoryException {
        HistoryDatabase.requireExists(dataDir);
        try {
            Connection db = HistoryDatabase.connect(HistoryDatabase.file(dataDir), true);
            try (Statement s = db.createStatement()) {
                int version = HistoryDatabase.userVersion(s);
                if (version == 0) {
                    db.close();
                    throw new HistoryException("no history yet in " + dataDir + ": its " + HistoryDatabase.FILE + " is empty"
                            + " (an agent on a full disk leaves it so until space returns; its log says why)");
                }
                if (version < HistoryDatabase.OLDEST_READABLE || version > HistoryDatabase.SCHEMA_VERSION) {
                    db.close();
                    throw new HistoryException(HistoryDatabase.file(dataDir) + " has history schema version " + version
                            + ", this saturn reads version " + HistoryDatabase.SCHEMA_VERSION + ": use the saturn that wrote it");
                }
            }
            List<RecentLog.Entry> recent = recent(dataDir, db);
            return new HistoryReader(dataDir, db, recent);
        } catch (SQLException e) {
            throw new HistoryException("cannot read history " + HistoryDatabase.file(dataDir) + ": " + e.getMessage()
                    + " (is it readable by this user?)", e, false);
        }
    }

    /**
     * The log is read before the database: rows the agent commits in between are then in both (and taken
     * from the database), never in neither.
     */
    private static List<RecentLog.Entry> recent(Path dataDir, Connection db) throws HistoryException {
        try {
            return RecentLog.read(dataDir);
        } catch (IOException e) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // read-only
            }
            throw new HistoryException("cannot read history " + RecentLog.file(dataDir) + ": " + e.getMessage()
                    + " (is it readable by this user?)", e, false);
        }
    }

    /** The log's rows newer than the database's samples, oldest first; its layouts and reasons go to the caches. */
    private static List<RecentLog.Row> tail(List<RecentLog.Entry> recent, Connection db, Map<Integer, Layout> layouts,
                                            Map<Integer, String> strings) throws SQLException {
        if (recent.isEmpty()) {
            return List.of();
        }
        long newest;
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT max(ts) FROM samples")) {
            newest = rs.next() && rs.getObject(1) != null ? rs.getLong(1) : Long.MIN_VALUE;
        }
        List<RecentLog.Row> rows = new ArrayList<>();
        for (RecentLog.Entry e : recent) {
            if (e instanceof RecentLog.Row r && r.ts() > newest) {
                rows.add(r);
            } else if (e instanceof RecentLog.Name n) {
                if (n.kind() == RecentLog.Kind.STRING) {
                    strings.put(n.id(), n.text());
                } else {
                    layouts.put(n.id(), HistoryDatabase.fromJson(n.text()));
                }
            }
        }
        rows.sort(Comparator.comparingLong(RecentLog.Row::ts));
        return rows;
    }

    /** Reports from {@code from} to {@code to} inclusive, oldest first, at least {@code step} apart, at most {@code limit}. */
    public List<UseReport> range(Instant from, Instant to, Duration step, int limit) throws HistoryException {
        List<UseReport> out = new ArrayList<>();
        forEach(from, to, step, limit, out::add);
        return out;
    }

    /** As {@link #range}, one report at a time, for windows too long to hold in memory. */
    public long forEach(Instant from, Instant to, Duration step, long limit, Consumer<UseReport> each) throws HistoryException {
        long stepMs = step == null ? 0 : step.toMillis();
        long next = Long.MIN_VALUE;
        long n = 0;
        try (PreparedStatement q = db.prepareStatement(
                "SELECT ts, interval_ms, layout, data FROM samples WHERE ts >= ? AND ts <= ? ORDER BY ts")) {
            q.setLong(1, from.toEpochMilli());
            q.setLong(2, to.toEpochMilli());
            try (ResultSet rs = q.executeQuery()) {
                while (n < limit && rs.next()) {
                    long ts = rs.getLong(1);
                    if (ts < next) {
                        continue;
                    }
                    each.accept(decode(rs));
                    n++;
                    next = stepMs > 0 ? ts + stepMs : Long.MIN_VALUE;
                }
            }
            for (RecentLog.Row r : tail) {
                if (n >= limit || r.ts() > to.toEpochMilli()) {
                    break;
                }
                if (r.ts() < from.toEpochMilli() || r.ts() < next) {
                    continue;
                }
                each.accept(decode(r));
                n++;
                next = stepMs > 0 ? r.ts() + stepMs : Long.MIN_VALUE;
            }
            return n;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** What {@link #forEachCells} hands over per sample; the arrays are reused for the next sample of the same layout. */
    @FunctionalInterface
    public interface CellVisitor {
        void sample(long epochMillis, Layout layout, double[] values, byte[] statuses);
    }

    /**
     * The cells of every sample from {@code from} to {@code to} inclusive, oldest first, decoded without making
     * reports (see {@link SampleCodec#cells}): a week of samples is read in seconds, not tens of them. Returns the
     * number of samples.
     */
    public long forEachCells(Instant from, Instant to, CellVisitor each) throws HistoryException {
        Map<Layout, double[]> values = new java.util.IdentityHashMap<>();
        Map<Layout, byte[]> statuses = new java.util.IdentityHashMap<>();
        long n = 0;
        try (PreparedStatement q = db.prepareStatement(
                "SELECT ts, layout, data FROM samples WHERE ts >= ? AND ts <= ? ORDER BY ts")) {
            q.setLong(1, from.toEpochMilli());
            q.setLong(2, to.toEpochMilli());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    cells(rs.getLong(1), layout(rs.getInt(2)), rs.getBytes(3), values, statuses, each);
                    n++;
                }
            }
            for (RecentLog.Row r : tail) {
                if (r.ts() > to.toEpochMilli()) {
                    break;
                }
                if (r.ts() >= from.toEpochMilli()) {
                    cells(r.ts(), layout(r.layout()), r.data(), values, statuses, each);
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void cells(long ts, Layout layout, byte[] data, Map<Layout, double[]> values, Map<Layout, byte[]> statuses,
                              CellVisitor each) {
        double[] v = values.computeIfAbsent(layout, l -> new double[l.cellCount()]);
        byte[] s = statuses.computeIfAbsent(layout, l -> new byte[l.cellCount()]);
        SampleCodec.cells(data, layout, v, s);
        each.sample(ts, layout, v, s);
    }

    /** How many samples lie in the window. */
    public long count(Instant from, Instant to) throws HistoryException {
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM samples WHERE ts >= ? AND ts <= ?")) {
            q.setLong(1, from.toEpochMilli());
            q.setLong(2, to.toEpochMilli());
            long inTail = tail.stream().filter(r -> r.ts() >= from.toEpochMilli() && r.ts() <= to.toEpochMilli()).count();
            try (ResultSet rs = q.executeQuery()) {
                return (rs.next() ? rs.getLong(1) : 0) + inTail;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The report whose timestamp is nearest {@code at}. */
    public Optional<UseReport> nearest(Instant at) throws HistoryException {
        long t = at.toEpochMilli();
        try (PreparedStatement q = db.prepareStatement(
                "SELECT * FROM (SELECT ts, interval_ms, layout, data FROM samples WHERE ts <= ? ORDER BY ts DESC LIMIT 1)"
                        + " UNION ALL SELECT * FROM (SELECT ts, interval_ms, layout, data FROM samples WHERE ts > ? ORDER BY ts LIMIT 1)")) {
            q.setLong(1, t);
            q.setLong(2, t);
            UseReport best = null;
            long bestDistance = Long.MAX_VALUE;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long distance = Math.abs(rs.getLong(1) - t);
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        best = decode(rs);
                    }
                }
            }
            for (RecentLog.Row r : tail) {
                long distance = Math.abs(r.ts() - t);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = decode(r);
                }
            }
            return Optional.ofNullable(best);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Oldest and newest timestamps and the number of samples; empty when the history has none. */
    public Optional<Span> span() throws HistoryException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT min(ts), max(ts), count(*) FROM samples")) {
            long stored = rs.next() ? rs.getLong(3) : 0;
            if (stored == 0 && tail.isEmpty()) {
                return Optional.empty();
            }
            long oldest = stored > 0 ? rs.getLong(1) : tail.get(0).ts();
            long newest = tail.isEmpty() ? rs.getLong(2) : tail.get(tail.size() - 1).ts();
            return Optional.of(new Span(Instant.ofEpochMilli(oldest), Instant.ofEpochMilli(newest), stored + tail.size()));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public record Span(Instant oldest, Instant newest, long samples) {
    }

    private UseReport decode(ResultSet rs) throws SQLException {
        Instant ts = Instant.ofEpochMilli(rs.getLong(1));
        double interval = rs.getLong(2) / 1000.0;
        Layout layout = layout(rs.getInt(3));
        return SampleCodec.decode(rs.getBytes(4), layout, ts, interval, this::string);
    }

    private UseReport decode(RecentLog.Row r) throws SQLException {
        return SampleCodec.decode(r.data(), layout(r.layout()), Instant.ofEpochMilli(r.ts()), r.intervalMs() / 1000.0, this::string);
    }

    private Layout layout(int id) throws SQLException {
        Layout layout = layouts.get(id);
        if (layout == null) {
            try (PreparedStatement q = db.prepareStatement("SELECT shape FROM layouts WHERE id = ?")) {
                q.setInt(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("sample refers to layout " + id + ", which the history does not hold");
                    }
                    layout = HistoryDatabase.fromJson(rs.getString(1));
                }
            }
            layouts.put(id, layout);
        }
        return layout;
    }

    private String string(int id) {
        if (id == 0) {
            return null;
        }
        return strings.computeIfAbsent(id, key -> {
            try (PreparedStatement q = db.prepareStatement("SELECT text FROM strings WHERE id = ?")) {
                q.setInt(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "(reason " + key + " missing from history)";
                }
            } catch (SQLException e) {
                return "(reason unreadable: " + e.getMessage() + ")";
            }
        });
    }

    private HistoryException failure(SQLException e) {
        return new HistoryException("cannot read history " + HistoryDatabase.file(dataDir) + ": " + e.getMessage(), e, false);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // read-only: nothing to lose
        }
    }
}
