package dev.saturn.agent.history;

import dev.saturn.agent.AgentLog;
import dev.saturn.analyzers.use.UseReport;

/**
 * Writes each report to the history and survives the history failing: a full disk or an I/O error
 * stops the writes with one logged line, every later sample tries again, and the first that succeeds
 * logs the resumption and how many samples were lost. Trims to the retention every
 * {@value #TRIM_EVERY} samples.
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

    public HistoryRecorder(HistoryWriter writer, Retention retention, AgentLog log) {
        this.writer = writer;
        this.retention = retention;
        this.log = log;
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
                writer.trim(retention, report.timestamp().toEpochMilli());
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
