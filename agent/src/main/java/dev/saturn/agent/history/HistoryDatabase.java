package dev.saturn.agent.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The history file: {@code history.db} in the data directory, SQLite in WAL mode so that
 * `saturn history` reads while the agent writes. Three tables: layouts (a report's shape as JSON),
 * strings (reasons), samples (ts in epoch milliseconds as the row id, the interval, the layout and
 * the values; see {@link SampleCodec}). The samples of the last minutes may be in {@link RecentLog} still.
 */
public final class HistoryDatabase {
    public static final String FILE = "history.db";
    /** 2: layouts may name sample format 2 ({@link SampleCodec}); version 1 files are read as they are and upgraded when written to. */
    static final int SCHEMA_VERSION = 2;
    static final int OLDEST_READABLE = 1;
    static final int PAGE_SIZE = 4096;

    private HistoryDatabase() {
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    static Connection connect(Path db, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(5000);
        // 512 KiB of page cache, not SQLite's 2 MB: appends touch the B-tree's right edge only, and the agent's RSS budget is 64 MB.
        config.setCacheSize(-512);
        // Without it sqlite-jdbc follows every INSERT with a regex over the SQL and a "SELECT last_insert_rowid()"
        // query: half the cost of a sample's insert. The few inserts that want their id look it up (HistoryWriter.lookup).
        config.setGetGeneratedKeys(false);
        if (!readOnly) {
            // WAL + NORMAL: a commit survives a killed process; only a power cut can take the last ones.
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        Connection c = config.createConnection("jdbc:sqlite:" + db);
        if (!readOnly) {
            try (Statement s = c.createStatement()) {
                // SQLite's default, said before WAL mode fixes it: samples reach the database in commits of
                // minutes (HistoryRecorder), where 4 KiB pages hold them in the fewest bytes.
                s.execute("PRAGMA page_size = " + PAGE_SIZE);
                s.execute("PRAGMA journal_mode = WAL");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version = userVersion(s);
            if (version > SCHEMA_VERSION) {
                throw new SQLException("history schema version " + version + " is newer than this saturn's " + SCHEMA_VERSION);
            }
            s.execute("CREATE TABLE IF NOT EXISTS layouts(id INTEGER PRIMARY KEY, shape TEXT NOT NULL UNIQUE)");
            s.execute("CREATE TABLE IF NOT EXISTS strings(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)");
            s.execute("CREATE TABLE IF NOT EXISTS samples(ts INTEGER PRIMARY KEY, interval_ms INTEGER NOT NULL,"
                    + " layout INTEGER NOT NULL, data BLOB NOT NULL)");
            s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }

    static int userVersion(Statement s) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static String toJson(Layout layout) {
        return LayoutJson.write(layout);
    }

    static Layout fromJson(String json) {
        return LayoutJson.read(json);
    }

    static boolean diskFull(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            return code == SQLiteErrorCode.SQLITE_FULL || code.name().startsWith("SQLITE_IOERR_WRITE")
                    || code.name().startsWith("SQLITE_IOERR_SHMSIZE") || code == SQLiteErrorCode.SQLITE_IOERR;
        }
        return false;
    }

    static void requireExists(Path dataDir) throws HistoryException {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new HistoryException("--data-dir " + dataDir + " is a file, not a directory: give the directory"
                    + " `saturn agent --data-dir` writes to");
        }
        if (!Files.exists(file(dataDir))) {
            throw new HistoryException("no history in " + dataDir + " (no " + FILE + "): start `saturn agent"
                    + " --data-dir " + dataDir + "`, or point --data-dir where the agent writes");
        }
    }
}
