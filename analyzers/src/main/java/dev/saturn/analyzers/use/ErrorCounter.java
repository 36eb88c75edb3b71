package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The "any errors" rule: errors that grew during the interval are crit (they are happening now);
 * errors counted before but not now are warn, so old damage is not forgotten. The cell shows the
 * count its verdict is about: the interval's when errors happen now, else the counter's total
 * (metric {@code NAME_cumulative}), so "0" never stands beside a warning.
 */
final class ErrorCounter {
    static final String SINCE_BOOT = "since boot";
    static final String SINCE_NETNS = "since boot (in a container: since its network namespace was made)";
    static final String SINCE_DEVICE = "since the device was attached";
    static final String SINCE_CGROUP = "since the cgroup was created";
    static final String CUMULATIVE = "_cumulative";

    private ErrorCounter() {
    }

    static Cell cell(String metric, DoubleSupplier inInterval, LongSupplier total, String what, String since) {
        try {
            double n = inInterval.getAsDouble();
            if (n > 0) {
                return new Cell(metric, n, "count", Status.CRIT,
                        String.format(Locale.ROOT, "%s increasing: %.0f during the interval", what, n));
            }
            long ever = total.getAsLong();
            if (ever > 0) {
                return new Cell(metric + CUMULATIVE, (double) ever, "count", Status.WARN,
                        ever + " " + what + " " + since + ", none during the interval");
            }
            return new Cell(metric, n, "count", Status.OK, null);
        } catch (Unavailable e) {
            return Cell.unavailable(metric, "count", e.getMessage());
        }
    }
}
