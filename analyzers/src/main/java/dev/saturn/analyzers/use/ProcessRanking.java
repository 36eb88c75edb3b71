package dev.saturn.analyzers.use;

import java.util.List;

/**
 * The processes that account most for one metric of a resource ("memory", "rss", "bytes"), largest first. {@code
 * reason}: why the metric could be read for no process (top is empty); {@code unreadable}: for which processes it
 * could not be read while it could for the others (another user's /proc/PID/io without the right to read it).
 */
public record ProcessRanking(String resource, String metric, String unit, List<ProcessFigure> top, String reason,
                             String unreadable) {
    public ProcessRanking {
        top = List.copyOf(top);
    }

    public boolean isAvailable() {
        return reason == null;
    }
}
