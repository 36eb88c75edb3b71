package dev.saturn.agent.history;

import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.UseReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Writes the reports to the history and survives the history failing. Reports are kept in memory and
 * appended to {@code history.db-recent} once {@value #STAGE_EVERY_MILLIS} ms of samples have gathered, so a
 * kill -9 loses at most the last 5 s; the database takes them over in one commit every
 * {@value #COMMIT_EVERY_MILLIS} ms of samples (or when the log reaches its share of --max-size): an SQLite
 * commit costs the disk WAL pages and WAL-index pages whatever it holds (docs/history.md). {@link #close}
 * commits the rest.
 * A full disk or an I/O error stops the writes with one logged line, every later batch tries again, and
 * the first that succeeds logs the resumption and how many samples were lost. A history that cannot even
 * be opened at the start for want of space (a full disk) does not stop the agent: opening is retried
 * every 10 s, then 20 s, then every 30 s. Trims to the retention every {@value #TRIM_EVERY} samples. Age is
 * counted on the agent's own clock (its first sample's wall time plus the monotonic time since) whenever
 * the wall clock is ahead of it: a clock stepped a month forward must not delete a week of history. A
 * clock stepped back deletes less. Either way only the retention's timing moves; --max-size still bounds the disk.
 */
public final class HistoryRecorder implements AutoCloseable {
    static final int TRIM_EVERY = 60;
    /** Samples this far apart go in one append to the log: with the sampling interval and the write, at most 5 s lost to a kill -9. */
    static final long STAGE_EVERY_MILLIS = 4000;
    /** The log goes into the database this often. */
    static final long COMMIT_EVERY_MILLIS = 600_000;
    /** A batch never holds more (at intervals under 100 ms of a clock gone wrong). */
    static final int MAX_BATCH = 64;
    static final long FIRST_RETRY_NANOS = 10_000_000_000L;
    static final long MAX_RETRY_NANOS = 30_000_000_000L;
    /** The wall clock ahead of the agent's own by more than this is said once in the log. */
    static final long AHEAD_LOGGED_MILLIS = 60_000;
    private final Path dataDir;
    private final Retention retention;
    private final DiskBudget budget;
    private final AgentLog log;
    private final LongSupplier nanoTime;
    private final List<UseReport> batch = new ArrayList<>();
    private HistoryWriter writer;
    private long lastStageMillis = Long.MIN_VALUE;
    private long lastCommitMillis = Long.MIN_VALUE;
    private volatile boolean failing;
    private volatile long lost;
    private volatile long writeErrors;
    private long sinceTrim = TRIM_EVERY;
    private long nextOpenNanos;
    private long retryNanos = FIRST_RETRY_NANOS;
    private long firstWallMillis = Long.MIN_VALUE;
    private long firstNanos;
    private boolean aheadLogged;

    public HistoryRecorder(HistoryWriter writer, Retention retention, AgentLog log) {
        this(writer, retention, log, System::nanoTime);
    }

    HistoryRecorder(HistoryWriter writer, Retention retention, AgentLog log, LongSupplier nanoTime) {
        this(writer.dataDir(), writer, retention, DiskBudget.of(retention.maxBytes(), 0), log, nanoTime);
    }

    private HistoryRecorder(Path dataDir, HistoryWriter writer, Retention retention, DiskBudget budget, AgentLog log,
                            LongSupplier nanoTime) {
        this.dataDir = dataDir;
        this.writer = writer;
        this.retention = retention;
        this.budget = budget;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /**
     * The history in {@code dataDir}, or, when the disk is too full to open it, a recorder that keeps
     * trying and says so in the log. Another agent on the directory, or one the agent may not write, is
     * refused: waiting would not help.
     */
    public static HistoryRecorder start(Path dataDir, Retention retention, DiskBudget budget, AgentLog log) throws HistoryException {
        HistoryRecorder recorder = new HistoryRecorder(dataDir, null, retention, budget, log, System::nanoTime);
        try {
            recorder.writer = open(dataDir, budget);
        } catch (HistoryException e) {
            if (!e.diskFull()) {
                throw e;
            }
            recorder.failing = true;
            recorder.nextOpenNanos = System.nanoTime() + FIRST_RETRY_NANOS;
            log.event("history: not writing: " + e.getMessage() + "; free space in " + dataDir + " (or give --data-dir"
                    + " another disk): /metrics and /api/v1/use keep serving, saturn_agent_history_writing is 0 until then,"
                    + " and writing starts by itself when space returns (tried every 10-30 s)");
        }
        return recorder;
    }

    private static HistoryWriter open(Path dataDir, DiskBudget budget) throws HistoryException {
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            return HistoryWriter.open(lock, budget);
        } catch (HistoryException e) {
            lock.close();
            throw e;
        }
    }

    public synchronized void record(UseReport report) {
        if (writer == null && !reopen()) {
            lost++;
            writeErrors++;
            return;
        }
        batch.add(report);
        long ts = report.timestamp().toEpochMilli();
        if (batch.size() >= MAX_BATCH || Math.abs(ts - lastStageMillis) >= STAGE_EVERY_MILLIS) {
            lastStageMillis = ts;
            boolean commit = failing || Math.abs(ts - lastCommitMillis) >= COMMIT_EVERY_MILLIS
                    || writer.stagedBytes() >= budget.recent();
            if (commit) {
                lastCommitMillis = ts;
            }
            write(ts, commit);
        }
    }

    /** Opens the history when its retry is due: true when it is open. */
    private boolean reopen() {
        long now = nanoTime.getAsLong();
        if (now - nextOpenNanos < 0) {
            return false;
        }
        try {
            writer = open(dataDir, budget);
            return true;
        } catch (HistoryException e) {
            retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
            nextOpenNanos = now + retryNanos;
            return false;
        }
    }

    /** Stages the batch, and commits what is staged when {@code commit}; a failure says so once and is retried at the next batch. */
    private void write(long wallMillis, boolean commit) {
        int samples = batch.size();
        try {
            try {
                writer.stage(batch);
            } finally {
                batch.clear();
            }
            if (commit) {
                writer.commitStaged();
            }
            if (failing) {
                failing = false;
                log.event("history: writing again to " + HistoryDatabase.file(dataDir) + " (" + lost
                        + " sample" + (lost == 1 ? "" : "s") + " not kept while it failed)");
            }
            lost = 0;
            sinceTrim += samples;
            if (commit && sinceTrim >= TRIM_EVERY) {
                sinceTrim = 0;
                writer.trim(new Retention(retention.maxAge(), budget.database()), retentionNow(wallMillis));
            }
        } catch (HistoryException e) {
            writeErrors += samples;
            lost += samples;
            if (!failing) {
                failing = true;
                log.event("history: writes stopped: " + e.getMessage()
                        + (e.diskFull() ? " (disk full: free space in " + dataDir + " or lower --max-size;" : " (")
                        + " /metrics keeps serving; writing resumes by itself)");
            }
        }
    }

    private long retentionNow(long wallMillis) {
        long nanos = nanoTime.getAsLong();
        if (firstWallMillis == Long.MIN_VALUE) {
            firstWallMillis = wallMillis;
            firstNanos = nanos;
        }
        long ownClock = firstWallMillis + (nanos - firstNanos) / 1_000_000;
        if (wallMillis > ownClock + AHEAD_LOGGED_MILLIS && !aheadLogged) {
            aheadLogged = true;
            log.event("history: the wall clock is " + (wallMillis - ownClock) / 1000 + " s ahead of the time elapsed since the agent"
                    + " started; retention counts age by the elapsed time, so no history goes early (restart the agent to count from the new time)");
        }
        return Math.min(wallMillis, ownClock);
    }

    public boolean writing() {
        return !failing;
    }

    public long writeErrors() {
        return writeErrors;
    }

    /** Stages the reports still in memory, for /api/v1/history to read them, unless the writes are failing: the next batch retries. */
    public synchronized void writePending() {
        if (writer != null && !batch.isEmpty() && !failing) {
            lastStageMillis = batch.get(batch.size() - 1).timestamp().toEpochMilli();
            write(lastStageMillis, false);
        }
    }

    /** Commits the reports still in memory and closes the history. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            if (!batch.isEmpty()) {
                write(batch.get(batch.size() - 1).timestamp().toEpochMilli(), true);
            }
            writer.close();
        }
    }
}
