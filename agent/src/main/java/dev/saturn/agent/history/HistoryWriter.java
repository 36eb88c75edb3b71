package dev.saturn.agent.history;

import dev.saturn.analyzers.use.UseReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends reports to the history, a transaction per {@link #append}, or staged in {@link RecentLog}
 * and committed together by {@link #commitStaged}, and trims it to its {@link Retention}; the WAL is checkpointed and truncated at its share of the
 * {@link DiskBudget}. One writer per data directory: it holds {@code agent.lock} for its life.
 */
public final class HistoryWriter implements AutoCloseable {
    public static final String LOCK_FILE = DataDirLock.FILE;
    private final Path dataDir;
    private final DataDirLock lock;
    private final DiskBudget budget;
    private final Connection db;
    private PreparedStatement insertSample;
    private PreparedStatement replaySample;
    private PreparedStatement insertStringWithId;
    private PreparedStatement insertLayoutWithId;
    private final RecentLog recent;
    private final List<RecentLog.Entry> staged = new ArrayList<>();
    /** While staging: new layouts and reasons get ids here and go to the log, not to the database at once. */
    private boolean deferNames;
    private final List<RecentLog.Name> newNames = new ArrayList<>();
    private int nextStringId;
    private int nextLayoutId;
    private long stagedBytes;
    private PreparedStatement findLayout;
    private PreparedStatement insertLayout;
    private PreparedStatement findString;
    private PreparedStatement insertString;
    private final Map<String, Integer> layoutIds = new HashMap<>();
    private final Map<Integer, Layout> layouts = new HashMap<>();
    private final Map<String, Integer> stringIds = new HashMap<>();
    /** The latest report whose layout was looked up: the next one likely has its shape. */
    private UseReport lastShape;
    private int lastLayoutId;

    private HistoryWriter(DataDirLock lock, Connection db, DiskBudget budget, RecentLog recent) throws SQLException {
        this.dataDir = lock.dataDir();
        this.lock = lock;
        this.db = db;
        this.budget = budget;
        this.recent = recent;
        prepare();
    }

    /** Also after a failed write: sqlite-jdbc leaves a statement that failed unusable ("statement is not executing"). */
    private void prepare() throws SQLException {
        insertSample = db.prepareStatement("INSERT INTO samples(ts, interval_ms, layout, data) VALUES (?, ?, ?, ?)");
        replaySample = db.prepareStatement("INSERT OR IGNORE INTO samples(ts, interval_ms, layout, data) VALUES (?, ?, ?, ?)");
        insertStringWithId = db.prepareStatement("INSERT OR IGNORE INTO strings(id, text) VALUES (?, ?)");
        insertLayoutWithId = db.prepareStatement("INSERT OR IGNORE INTO layouts(id, shape) VALUES (?, ?)");
        findLayout = db.prepareStatement("SELECT id FROM layouts WHERE shape = ?");
        insertLayout = db.prepareStatement("INSERT INTO layouts(shape) VALUES (?)");
        findString = db.prepareStatement("SELECT id FROM strings WHERE text = ?");
        insertString = db.prepareStatement("INSERT INTO strings(text) VALUES (?)");
    }

    /** Ids cached from a transaction that failed may have been rolled back with it. */
    private void forgetAfterFailure() {
        nextStringId = 0;
        nextLayoutId = 0;
        lastShape = null;
        layoutIds.clear();
        stringIds.clear();
        reprepare();
    }

    private void reprepare() {
        for (PreparedStatement p : new PreparedStatement[] {insertSample, replaySample, insertStringWithId, insertLayoutWithId, findLayout, insertLayout, findString, insertString}) {
            try {
                p.close();
            } catch (SQLException e) {
                // replaced below either way
            }
        }
        try {
            prepare();
        } catch (SQLException e) {
            // the next append fails again and tries again
        }
    }

    public static HistoryWriter open(Path dataDir) throws HistoryException {
        return open(DataDirLock.acquire(dataDir), DiskBudget.of(Retention.DEFAULT.maxBytes(), 0));
    }

    /** The database under {@code lock}, its WAL kept within {@code budget}; the lock is the writer's when it opens, the caller's when it does not. */
    public static HistoryWriter open(DataDirLock lock, DiskBudget budget) throws HistoryException {
        Path dataDir = lock.dataDir();
        try {
            Connection db = HistoryDatabase.connect(HistoryDatabase.file(dataDir), false);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = " + Math.max(16, budget.wal() / scalar(s, "PRAGMA page_size")));
                s.execute("PRAGMA journal_size_limit = " + budget.wal());
                HistoryDatabase.createSchema(db);
            } catch (SQLException e) {
                db.close();
                throw e;
            }
            RecentLog recent;
            try {
                recent = RecentLog.open(dataDir);
            } catch (IOException e) {
                db.close();
                throw new HistoryException("cannot open " + RecentLog.file(dataDir) + ": " + e.getMessage(), e, DataDirLock.noSpace(e));
            }
            HistoryWriter writer = new HistoryWriter(lock, db, budget, recent);
            try {
                writer.replayRecent();
            } catch (HistoryException e) {
                writer.closeFiles();
                throw e;
            }
            return writer;
        } catch (SQLException e) {
            boolean full = HistoryDatabase.diskFull(e);
            throw new HistoryException("cannot open history " + HistoryDatabase.file(dataDir) + ": " + e.getMessage()
                    + (full ? " (disk full)" : ""), e, full);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stores one report under its timestamp, committed at once; a timestamp already taken (the clock went back) moves on by a millisecond. */
    public void append(UseReport report) throws HistoryException {
        RecentLog.Row row = encode(report);
        try {
            insert(row, false);
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    /**
     * Encodes the reports and appends them to {@code history.db-recent} ({@link RecentLog}): readers see them
     * from now on, and a killed agent's are committed by the next writer. A new layout or reason is committed
     * to the database at once (the rows refer to it). {@link #commitStaged} moves them into the database.
     */
    public void stage(List<UseReport> reports) throws HistoryException {
        List<RecentLog.Entry> entries = new ArrayList<>(reports.size() + 1);
        List<RecentLog.Row> rows = new ArrayList<>(reports.size());
        deferNames = true;
        newNames.clear();
        try {
            for (UseReport r : reports) {
                rows.add(encode(r));
            }
            entries.addAll(newNames);
            entries.addAll(rows);
            recent.append(entries);
        } catch (IOException e) {
            forgetAfterFailure();
            throw new HistoryException("cannot write history " + RecentLog.file(dataDir) + ": " + e.getMessage(), e,
                    DataDirLock.noSpace(e));
        } finally {
            deferNames = false;
        }
        staged.addAll(entries);
        for (RecentLog.Row r : rows) {
            stagedBytes += r.data().length + 25;
        }
        for (RecentLog.Name n : newNames) {
            stagedBytes += n.text().length() + 13;
        }
    }

    /** Bytes staged since the last {@link #commitStaged}. */
    public long stagedBytes() {
        return stagedBytes;
    }

    /** Commits the staged rows in one transaction (one WAL append) and empties the log; on failure they stay staged. */
    public void commitStaged() throws HistoryException {
        if (staged.isEmpty()) {
            return;
        }
        commitRows(staged, false);
        staged.clear();
        stagedBytes = 0;
        try {
            recent.clear();
        } catch (IOException e) {
            // the rows are in the database: committed again by the next writer, they are ignored
        }
        truncateOverlongWal();
    }

    private RecentLog.Row encode(UseReport report) throws HistoryException {
        try {
            int layout = layoutId(report);
            byte[] data = SampleCodec.encode(report, layouts.get(layout), this::stringId);
            return new RecentLog.Row(report.timestamp().toEpochMilli(), (int) Math.round(report.intervalSeconds() * 1000), layout, data);
        } catch (SQLException | IllegalStateException e) {
            SQLException cause = e instanceof SQLException se ? se
                    : e.getCause() instanceof SQLException se ? se : new SQLException(e.getMessage(), e);
            throw writeFailure(cause);
        }
    }

    private HistoryException writeFailure(SQLException cause) {
        forgetAfterFailure();
        return new HistoryException("cannot write history " + HistoryDatabase.file(dataDir) + ": " + cause.getMessage(), cause,
                HistoryDatabase.diskFull(cause));
    }

    /** {@code replayed}: rows a killed writer left in the log, some maybe committed already (ignored then). */
    private void insert(RecentLog.Row row, boolean replayed) throws SQLException {
        PreparedStatement insert = replayed ? replaySample : insertSample;
        for (int attempt = 0; ; attempt++) {
            insert.setLong(1, row.ts() + attempt);
            insert.setLong(2, row.intervalMs());
            insert.setInt(3, row.layout());
            insert.setBytes(4, row.data());
            try {
                insert.executeUpdate();
                return;
            } catch (SQLException e) {
                if (replayed || attempt >= 1000 || !isDuplicate(e)) {
                    throw e;
                }
            }
        }
    }

    private void commitRows(List<? extends RecentLog.Entry> entries, boolean replayed) throws HistoryException {
        try {
            db.setAutoCommit(false);
            for (RecentLog.Entry e : entries) {
                if (e instanceof RecentLog.Row r) {
                    insert(r, replayed);
                } else if (e instanceof RecentLog.Name n) {
                    PreparedStatement p = n.kind() == RecentLog.Kind.STRING ? insertStringWithId : insertLayoutWithId;
                    p.setInt(1, n.id());
                    p.setString(2, n.text());
                    p.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw writeFailure(e);
        } finally {
            endTransaction();
        }
    }

    /** The rows a killed agent left in the log go into the database. */
    private void replayRecent() throws HistoryException {
        try {
            List<RecentLog.Entry> left = RecentLog.read(dataDir);
            if (!left.isEmpty()) {
                commitRows(left, true);
            }
            recent.clear();
        } catch (IOException e) {
            throw new HistoryException("cannot read " + RecentLog.file(dataDir) + ": " + e.getMessage(), e, DataDirLock.noSpace(e));
        }
    }

    private void endTransaction() {
        try {
            if (!db.getAutoCommit()) {
                db.rollback();
            }
        } catch (SQLException e) {
            // the connection gives the transaction up when it closes
        }
        try {
            db.setAutoCommit(true);
        } catch (SQLException e) {
            // the next batch tries again
        }
    }

    /**
     * SQLite checkpoints at wal_autocheckpoint, but a checkpoint that a reader held back lets the WAL grow on:
     * past twice its budget it is checkpointed and truncated here (waiting for readers up to the busy timeout).
     */
    private void truncateOverlongWal() throws HistoryException {
        try {
            Path wal = walFile();
            if (Files.exists(wal) && Files.size(wal) > 2 * budget.wal()) {
                checkpoint();
            }
        } catch (IOException e) {
            // the size is checked again after the next batch
        }
    }

    Path walFile() {
        return dataDir.resolve(HistoryDatabase.FILE + "-wal");
    }

    /** Deletes what the retention no longer keeps; returns the number of samples deleted. */
    public int trim(Retention retention, long nowMillis) throws HistoryException {
        try (Statement s = db.createStatement()) {
            int deleted = s.executeUpdate("DELETE FROM samples WHERE ts < " + (nowMillis - retention.maxAge().toMillis()));
            long used = usedBytes(s);
            if (used > retention.maxBytes()) {
                long rows = scalar(s, "SELECT count(*) FROM samples");
                long drop = Math.max(1, (long) Math.ceil(rows * (1 - 0.9 * retention.maxBytes() / (double) used)));
                Long cutoff = scalarOrNull(s, "SELECT ts FROM samples ORDER BY ts LIMIT 1 OFFSET " + Math.min(drop, rows - 1));
                if (cutoff != null) {
                    deleted += s.executeUpdate("DELETE FROM samples WHERE ts < " + cutoff);
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new HistoryException("cannot trim history " + HistoryDatabase.file(dataDir) + ": " + e.getMessage(), e,
                    HistoryDatabase.diskFull(e));
        }
    }

    /** Bytes in pages that hold data (the file keeps freed pages for reuse). */
    public long usedBytes() throws HistoryException {
        try (Statement s = db.createStatement()) {
            return usedBytes(s);
        } catch (SQLException e) {
            throw new HistoryException("cannot read history size: " + e.getMessage(), e, false);
        }
    }

    /** Moves the WAL into the database file. */
    public void checkpoint() throws HistoryException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new HistoryException("cannot checkpoint history: " + e.getMessage(), e, HistoryDatabase.diskFull(e));
        }
    }

    private static long usedBytes(Statement s) throws SQLException {
        return (scalar(s, "PRAGMA page_count") - scalar(s, "PRAGMA freelist_count")) * scalar(s, "PRAGMA page_size");
    }

    private int layoutId(UseReport report) throws SQLException {
        if (lastShape != null && Layout.sameKey(report, lastShape)) {
            return lastLayoutId;
        }
        String key = Layout.key(report);
        Integer id = layoutIds.get(key);
        if (id == null) {
            Layout layout = Layout.of(report);
            String shape = HistoryDatabase.toJson(layout);
            id = deferNames ? deferred(findLayout, RecentLog.Kind.LAYOUT, shape) : lookup(findLayout, insertLayout, shape);
            layoutIds.put(key, id);
            layouts.put(id, layout);
        }
        lastShape = report;
        lastLayoutId = id;
        return id;
    }

    private int stringId(String text) {
        Integer id = stringIds.get(text);
        if (id == null) {
            try {
                id = deferNames ? deferred(findString, RecentLog.Kind.STRING, text) : lookup(findString, insertString, text);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            stringIds.put(text, id);
        }
        return id;
    }

    /** The id of {@code value} in the database, or the one it will have there, announced in the log. */
    private int deferred(PreparedStatement find, RecentLog.Kind kind, String value) throws SQLException {
        Integer id = find(find, value);
        if (id == null) {
            id = nextId(kind);
            newNames.add(new RecentLog.Name(kind, id, value));
        }
        return id;
    }

    private int nextId(RecentLog.Kind kind) throws SQLException {
        boolean string = kind == RecentLog.Kind.STRING;
        int next = string ? nextStringId : nextLayoutId;
        if (next == 0) {
            try (Statement s = db.createStatement()) {
                next = (int) scalar(s, string ? "SELECT max(id) FROM strings" : "SELECT max(id) FROM layouts") + 1;
            }
            for (RecentLog.Entry e : staged) {
                if (e instanceof RecentLog.Name n && n.kind() == kind) {
                    next = Math.max(next, n.id() + 1);
                }
            }
        }
        if (string) {
            nextStringId = next + 1;
        } else {
            nextLayoutId = next + 1;
        }
        return next;
    }

    private static int lookup(PreparedStatement find, PreparedStatement insert, String value) throws SQLException {
        Integer id = find(find, value);
        if (id == null) {
            insert.setString(1, value);
            insert.executeUpdate();
            id = find(find, value);
            if (id == null) {
                throw new SQLException("a row just inserted is not there: " + value);
            }
        }
        return id;
    }

    private static Integer find(PreparedStatement find, String value) throws SQLException {
        find.setString(1, value);
        try (ResultSet rs = find.executeQuery()) {
            return rs.next() ? rs.getInt(1) : null;
        }
    }

    private static boolean isDuplicate(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed: samples.ts");
    }

    static long scalar(Statement s, String sql) throws SQLException {
        Long v = scalarOrNull(s, sql);
        return v == null ? 0 : v;
    }

    static Long scalarOrNull(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /** Commits what is staged, checkpoints the WAL and lets the directory go. */
    @Override
    public void close() {
        try {
            commitStaged();
        } catch (HistoryException e) {
            // left in the log: the next writer commits it
        }
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            // closing anyway: the WAL is replayed on the next open
        }
        closeFiles();
        lock.close();
    }

    private void closeFiles() {
        recent.close();
        try {
            db.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that will not close
        }
    }
}
