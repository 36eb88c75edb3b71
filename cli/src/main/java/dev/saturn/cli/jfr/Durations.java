package dev.saturn.cli.jfr;

import java.util.Locale;

/** Nanoseconds for a person: 850 us, 37.3 ms, 1.920 s. */
final class Durations {
    private Durations() {
    }

    static String format(long ns) {
        if (ns >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
        }
        if (ns >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f us", ns / 1e3);
    }
}
