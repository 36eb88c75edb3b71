package dev.saturn.analyzers.use;

import java.util.Locale;

/**
 * A warn and a crit threshold. {@code above} means strictly greater than (aqu-sz &gt; 1); otherwise
 * at or above (utilization &ge; 70 %).
 */
public record Band(double warn, double crit, boolean above) {

    public static Band atLeast(double warn, double crit) {
        return new Band(warn, crit, false);
    }

    public static Band over(double warn, double crit) {
        return new Band(warn, crit, true);
    }

    public Verdict judge(double value, String what) {
        if (reaches(value, crit)) {
            return Verdict.crit(String.format(Locale.ROOT, "%s %s %s", what, above ? ">" : ">=", fmt(crit)));
        }
        if (reaches(value, warn)) {
            return Verdict.warn(String.format(Locale.ROOT, "%s %s %s", what, above ? ">" : ">=", fmt(warn)));
        }
        return Verdict.OK;
    }

    private boolean reaches(double value, double threshold) {
        return above ? value > threshold : value >= threshold;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
