package dev.saturn.agent.history;

import dev.saturn.analyzers.use.UseReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Appends reports to the history, one transaction per sample, and trims it to its {@link Retention}.
 * One writer per data directory: it holds {@code agent.lock} for its life.
 */
public final class HistoryWriter implements AutoCloseable {
    public static final String LOCK_FILE = "agent.lock";
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Connection db;
    private PreparedStatement insertSample;
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

    private HistoryWriter(Path dataDir, FileChannel lockChannel, FileLock lock, Connection db) throws SQLException {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.db = db;
        prepare();
    }

    /** Also after a failed write: sqlite-jdbc leaves a statement that failed unusable ("statement is not executing"). */
    private void prepare() throws SQLException {
        insertSample = db.prepareStatement("INSERT INTO samples(ts, interval_ms, layout, data) VALUES (?, ?, ?, ?)");
        findLayout = db.prepareStatement("SELECT id FROM layouts WHERE shape = ?");
        insertLayout = db.prepareStatement("INSERT INTO layouts(shape) VALUES (?)");
        findString = db.prepareStatement("SELECT id FROM strings WHERE text = ?");
        insertString = db.prepareStatement("INSERT INTO strings(text) VALUES (?)");
    }

    private void reprepare() {
        for (PreparedStatement p : new PreparedStatement[] {insertSample, findLayout, insertLayout, findString, insertString}) {
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
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new HistoryException("another saturn agent writes history in " + dataDir
                        + " (it holds " + dataDir.resolve(LOCK_FILE) + "): stop it, or give this one another --data-dir");
            }
            Connection db = HistoryDatabase.connect(HistoryDatabase.file(dataDir), false);
            HistoryDatabase.createSchema(db);
            return new HistoryWriter(dataDir, channel, lock, db);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HistoryException("cannot use data directory " + dataDir + ": " + describe(e)
                    + " (give a writable --data-dir)", e, false);
        } catch (SQLException e) {
            closeQuietly(channel);
            throw new HistoryException("cannot open history " + HistoryDatabase.file(dataDir) + ": " + e.getMessage()
                    + (HistoryDatabase.diskFull(e) ? " (disk full?)" : ""), e, HistoryDatabase.diskFull(e));
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return e.getMessage() + " exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getFile() + ": " + fse.getReason();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "cannot create " + e.getMessage();
        }
        return e.toString();
    }

    /** Null when another process, or another writer in this one, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stores one report under its timestamp; a timestamp already taken (the clock went back) moves on by a millisecond. */
    public void append(UseReport report) throws HistoryException {
        try {
            int layout = layoutId(report);
            byte[] data = SampleCodec.encode(report, layouts.get(layout), this::stringId);
            long ts = report.timestamp().toEpochMilli();
            for (int attempt = 0; ; attempt++) {
                insertSample.setLong(1, ts + attempt);
                insertSample.setLong(2, Math.round(report.intervalSeconds() * 1000));
                insertSample.setInt(3, layout);
                insertSample.setBytes(4, data);
                try {
                    insertSample.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (attempt >= 1000 || !isDuplicate(e)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException | IllegalStateException e) {
            SQLException cause = e instanceof SQLException se ? se
                    : e.getCause() instanceof SQLException se ? se : new SQLException(e.getMessage(), e);
            boolean full = HistoryDatabase.diskFull(cause);
            lastShape = null;
            layoutIds.clear();
            reprepare();
            throw new HistoryException("cannot write history " + HistoryDatabase.file(dataDir) + ": " + cause.getMessage(), cause, full);
        }
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
            id = lookup(findLayout, insertLayout, shape);
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
                id = lookup(findString, insertString, text);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            stringIds.put(text, id);
        }
        return id;
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

    @Override
    public void close() {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            // closing anyway: the WAL is replayed on the next open
        }
        try {
            db.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that will not close
        }
        try {
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
