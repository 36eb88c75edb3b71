package dev.saturn.agent.history;

import dev.saturn.agent.AgentLog;
import dev.saturn.analyzers.use.UseReport;
import java.util.function.LongSupplier;

/**
 * Writes each report to the history and survives the history failing: a full disk or an I/O error
 * stops the writes with one logged line, every later sample tries again, and the first that succeeds
 * logs the resumption and how many samples were lost. Trims to the retention every
 * {@value #TRIM_EVERY} samples. Age is counted on the agent's own clock (its first sample's wall time
 * plus the monotonic time since) whenever the wall clock is ahead of it: a clock stepped a month forward
 * must not delete a week of history. A clock stepped back deletes less. Either way only the retention's
 * timing moves; --max-size still bounds the disk.
 */
public final class HistoryRecorder implements AutoCloseable {
    static final int TRIM_EVERY = 60;
    private final HistoryWriter writer;
    private final Retention retention;
    private final AgentLog log;
    private volatile boolean failing;
    private volatile long lost;
    private volatile long writeErrors;
    private long sinceTrim = TRIM_EVERY;
    /** The wall clock ahead of the agent's own by more than this is said once in the log. */
    static final long AHEAD_LOGGED_MILLIS = 60_000;
    private final LongSupplier nanoTime;
    private long firstWallMillis = Long.MIN_VALUE;
    private long firstNanos;
    private boolean aheadLogged;

    public HistoryRecorder(HistoryWriter writer, Retention retention, AgentLog log) {
        this(writer, retention, log, System::nanoTime);
    }

    HistoryRecorder(HistoryWriter writer, Retention retention, AgentLog log, LongSupplier nanoTime) {
        this.writer = writer;
        this.retention = retention;
        this.log = log;
        this.nanoTime = nanoTime;
    }

    public void record(UseReport report) {
        try {
            writer.append(report);
            if (failing) {
                failing = false;
                log.event("history: writing again to " + HistoryDatabase.file(writer.dataDir()) + " (" + lost
                        + " sample" + (lost == 1 ? "" : "s") + " not kept while it failed)");
            }
            lost = 0;
            if (++sinceTrim >= TRIM_EVERY) {
                sinceTrim = 0;
                writer.trim(retention, retentionNow(report.timestamp().toEpochMilli()));
            }
        } catch (HistoryException e) {
            writeErrors++;
            lost++;
            if (!failing) {
                failing = true;
                log.event("history: writes stopped: " + e.getMessage()
                        + (e.diskFull() ? " (disk full: free space in " + writer.dataDir() + " or lower --max-size;" : " (")
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

    @Override
    public void close() {
        writer.close();
    }
}
