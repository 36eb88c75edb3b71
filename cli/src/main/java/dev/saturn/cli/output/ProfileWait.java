package dev.saturn.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits out the profiling duration: a countdown on a terminal, an early end on Ctrl-C (the profile is
 * still written; a second Ctrl-C exits as usual) or when the profiler or its target is done.
 */
public final class ProfileWait {
    public enum End {
        DURATION("the duration"), INTERRUPTED("Ctrl-C"), TARGET_DONE("the target's exit");

        public final String why;

        End(String why) {
            this.why = why;
        }
    }

    public record Result(End end, Duration waited) {
    }

    private ProfileWait() {
    }

    /** "10 s", "2.5 s": how long a profile waited or will wait, for its messages. */
    public static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    public static Result await(Duration duration, BooleanSupplier done, PrintWriter err) {
        boolean countdown = stderrIsATerminal();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        AtomicBoolean interrupted = new AtomicBoolean();
        SignalHandler previous = trap(interrupted);
        End end = End.DURATION;
        try {
            long lastShown = -1;
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    break;
                }
                if (interrupted.get()) {
                    end = End.INTERRUPTED;
                    break;
                }
                if (done.getAsBoolean()) {
                    // perf in the terminal's process group gets the same Ctrl-C, and may end first
                    end = interruptedWithin(interrupted, 200) ? End.INTERRUPTED : End.TARGET_DONE;
                    break;
                }
                long left = (deadline - now + 999_999_999L) / 1_000_000_000L;
                if (countdown && left != lastShown) {
                    err.printf(Locale.ROOT, "\r\033[K%d s left (Ctrl-C stops early and still writes the profile) ", left);
                    err.flush();
                    lastShown = left;
                }
                try {
                    Thread.sleep(Math.min(100, Math.max(1, (deadline - now) / 1_000_000L)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    end = End.INTERRUPTED;
                    break;
                }
            }
        } finally {
            if (previous != null) {
                Signal.handle(new Signal("INT"), previous);
            }
            if (countdown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
        return new Result(end, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The countdown goes to stderr, which may be a terminal while stdout is the SVG file. */
    private static boolean stderrIsATerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return Terminal.interactive();
        }
    }

    private static boolean interruptedWithin(AtomicBoolean interrupted, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!interrupted.get() && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return interrupted.get();
    }

    /** Ctrl-C sets the flag instead of exiting; null when the signal cannot be trapped here. */
    private static SignalHandler trap(AtomicBoolean interrupted) {
        try {
            return Signal.handle(new Signal("INT"), sig -> interrupted.set(true));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
