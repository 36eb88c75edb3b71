package dev.saturn.cli.profile;

import dev.saturn.cli.output.Terminal;
import java.io.PrintWriter;
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
final class ProfileWait {
    enum End {
        DURATION("the duration"), INTERRUPTED("Ctrl-C"), TARGET_DONE("the end of the target");

        final String why;

        End(String why) {
            this.why = why;
        }
    }

    record Result(End end, Duration waited) {
    }

    private ProfileWait() {
    }

    static Result await(Duration duration, BooleanSupplier done, PrintWriter err) {
        boolean countdown = Terminal.interactive();
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
                    end = End.TARGET_DONE;
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

    /** Ctrl-C sets the flag instead of exiting; null when the signal cannot be trapped here. */
    private static SignalHandler trap(AtomicBoolean interrupted) {
        try {
            return Signal.handle(new Signal("INT"), sig -> interrupted.set(true));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
