package dev.saturn.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * A one-line countdown on stderr for waits of a second or more, when stderr is a terminal (stdout
     * may be a file: `saturn use --interval 10s > report.txt` still shows it); silent otherwise.
     */
    public static Progress progress(PrintWriter err, Duration interval, boolean wanted) {
        boolean show = wanted && isTerminal(2) && !"dumb".equals(System.getenv("TERM"))
                && interval.compareTo(Duration.ofSeconds(1)) >= 0;
        return new Progress(err, interval, show);
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (its /proc/self/fd link names a tty). */
    public static boolean isTerminal(int fd) {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A terminal's size in character cells. */
    public record Size(int rows, int columns) {
    }

    /**
     * The size of the terminal on file descriptor {@code fd} (TIOCGWINSZ), as vmstat and top read it; null when it is
     * not a terminal or the size cannot be read. The LINES and COLUMNS variables, where set, win, as they do for them.
     */
    public static Size size(int fd) {
        Size size = null;
        if (isTerminal(fd)) {
            try {
                com.sun.jna.Memory winsize = new com.sun.jna.Memory(8);
                if (WinSize.LIBC.ioctl(fd, TIOCGWINSZ, winsize) == 0) {
                    int rows = winsize.getShort(0) & 0xffff;
                    int columns = winsize.getShort(2) & 0xffff;
                    size = rows > 0 && columns > 0 ? new Size(rows, columns) : null;
                }
            } catch (LinkageError | RuntimeException e) {
                size = null; // no libc to ask: as a pipe
            }
        }
        Integer lines = positive(System.getenv("LINES"));
        Integer columns = positive(System.getenv("COLUMNS"));
        if (lines == null && columns == null) {
            return size;
        }
        return new Size(lines != null ? lines : size != null ? size.rows() : 24, columns != null ? columns : size != null ? size.columns() : 80);
    }

    /** The width of the terminal on {@code fd}, or 0 when it is not one (a file, a pipe: nothing to fit). */
    public static int columns(int fd) {
        Size size = isTerminal(fd) ? size(fd) : null;
        return size == null ? 0 : size.columns();
    }

    private static final long TIOCGWINSZ = 0x5413;

    private static Integer positive(String value) {
        try {
            int n = value == null ? 0 : Integer.parseInt(value.trim());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** libc's ioctl, for the window size. */
    interface WinSize extends com.sun.jna.Library {
        WinSize LIBC = com.sun.jna.Native.load("c", WinSize.class);

        int ioctl(int fd, long request, com.sun.jna.Pointer argument);
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

        /** Whether the countdown is drawn; when it is not, a caller that waits long says so in one line. */
        public boolean shown() {
            return show;
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
