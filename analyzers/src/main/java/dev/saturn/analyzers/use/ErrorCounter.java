package dev.saturn.analyzers.use;

import java.util.Locale;

/**
 * The "any errors" rule: errors that grew during the interval are crit (they are happening now);
 * errors counted since boot but not now are warn, so old damage is not forgotten.
 */
final class ErrorCounter {
    private ErrorCounter() {
    }

    static Verdict judge(double inInterval, long sinceBoot, String what) {
        if (inInterval > 0) {
            return Verdict.crit(String.format(Locale.ROOT, "%s increasing: %.0f during the interval", what, inInterval));
        }
        if (sinceBoot > 0) {
            return Verdict.warn(sinceBoot + " " + what + " since boot, none during the interval");
        }
        return Verdict.OK;
    }
}
