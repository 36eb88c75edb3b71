package dev.saturn.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assertions;

/**
 * Waiting for a condition instead of sleeping a fixed time: checked every 50 ms until it holds or a generous
 * deadline passes, so a busy machine only makes a test slower, never wrong.
 */
public final class Poll {
    private static final long EVERY_MILLIS = 50;

    private Poll() {
    }

    /**
     * The first value {@code check} gives within {@code deadline}; a check that throws counts as not yet (the last
     * exception is reported if the deadline passes), so a file still being written can be read until it parses.
     */
    public static <T> T until(Duration deadline, String what, Callable<Optional<T>> check) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Exception last = null;
        while (true) {
            try {
                Optional<T> value = check.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - end > 0) {
                return Assertions.fail("waited " + deadline.toSeconds() + " s for " + what
                        + (last == null ? "" : "; last: " + last), last);
            }
            Thread.sleep(EVERY_MILLIS);
        }
    }

    /** Until {@code condition} holds, as {@link #until}. */
    public static void untilTrue(Duration deadline, String what, Callable<Boolean> condition) throws InterruptedException {
        until(deadline, what, () -> condition.call() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
