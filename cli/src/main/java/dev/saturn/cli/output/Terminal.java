package dev.saturn.cli.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Whether output goes to a person at a terminal, and what to show them while they wait. */
public final class Terminal {
    private Terminal() {
    }

    public enum ColorMode {
        auto, always, never
    }

    public static boolean interactive() {
        String term = System.getenv("TERM");
        return System.console() != null && !"dumb".equals(term);
    }

    public static boolean colour(ColorMode mode) {
        return switch (mode) {
            case always -> true;
            case never -> false;
            case auto -> interactive() && System.getenv("NO_COLOR") == null;
        };
    }

    /** A one-line countdown on stderr for waits of a second or more; silent when piped. */
    public static Progress progress(PrintWriter err, Duration interval, boolean wanted) {
        boolean show = wanted && interactive() && interval.compareTo(Duration.ofSeconds(1)) >= 0;
        return new Progress(err, interval, show);
    }

    public static final class Progress {
        private final PrintWriter err;
        private final Duration interval;
        private final boolean show;
        private int lastPercent = -1;

        Progress(PrintWriter err, Duration interval, boolean show) {
            this.err = err;
            this.interval = interval;
            this.show = show;
        }

        public void update(double fraction) {
            if (!show) {
                return;
            }
            int percent = (int) Math.round(fraction * 100);
            if (percent / 10 == lastPercent / 10) {
                return;
            }
            lastPercent = percent;
            double remaining = interval.toMillis() / 1000.0 * (1 - fraction);
            err.printf(Locale.ROOT, "\rsaturn: sampling for %.1f s, %.1f s left ", interval.toMillis() / 1000.0, remaining);
            err.flush();
        }

        public void clear() {
            if (show && lastPercent >= 0) {
                err.print("\r\033[K");
                err.flush();
                lastPercent = -1;
            }
        }
    }
}
