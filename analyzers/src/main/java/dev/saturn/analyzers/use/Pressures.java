package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.Pressure;

/** PSI totals (cumulative microseconds stalled) into the percent of the interval spent stalled. */
final class Pressures {
    private Pressures() {
    }

    static double somePct(Context c, Pressure before, Pressure after) {
        return 100.0 * Interval.delta(before.someTotalUs(), after.someTotalUs(), "PSI some total") / (c.seconds() * 1e6);
    }

    static double fullPct(Context c, Pressure before, Pressure after) {
        if (before.fullTotalUs() == null || after.fullTotalUs() == null) {
            throw new Unavailable("this kernel reports no PSI full line for the resource");
        }
        return 100.0 * Interval.delta(before.fullTotalUs(), after.fullTotalUs(), "PSI full total") / (c.seconds() * 1e6);
    }
}
