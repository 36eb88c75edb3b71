package dev.saturn.collectors.perf;

/**
 * One event summed over a process's threads: the raw count and the times the counters were enabled
 * and running (they differ when the kernel multiplexed hardware counters). {@code unsupported} is
 * the reason when the event could not be counted at all, as perf stat's "&lt;not supported&gt;".
 */
public record EventCount(CounterEvent event, long raw, long enabledNs, long runningNs, String unsupported) {

    public static EventCount notSupported(CounterEvent event, String reason) {
        return new EventCount(event, 0, 0, 0, reason);
    }

    public boolean supported() {
        return unsupported == null;
    }

    /**
     * False when the counter was enabled but never got onto the PMU (perf's "&lt;not counted&gt;").
     * A counter whose threads never ran has neither time: it counted, and the count is 0.
     */
    public boolean counted() {
        return supported() && (runningNs > 0 || enabledNs == 0);
    }

    /** The count extrapolated to the whole enabled time, as perf stat does for multiplexed counters. */
    public double scaled() {
        if (runningNs <= 0 || runningNs >= enabledNs) {
            return raw;
        }
        return raw * ((double) enabledNs / runningNs);
    }

    /** The share of the enabled time the counter ran: 1.0 unless multiplexed (and when never enabled). */
    public double runningFraction() {
        return enabledNs <= 0 ? 1.0 : Math.min(1.0, (double) runningNs / enabledNs);
    }
}
