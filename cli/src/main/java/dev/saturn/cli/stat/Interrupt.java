package dev.saturn.cli.stat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) as a request to stop counting and print, as perf stat takes it, instead of the
 * JVM's exit. The previous handler comes back on close. Where SIGINT cannot be caught (the JVM
 * started with -Xrs, or the signal ignored) Ctrl-C keeps its default meaning.
 */
final class Interrupt implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    private final CountDownLatch fired = new CountDownLatch(1);
    private SignalHandler previous;

    static Interrupt install() {
        Interrupt interrupt = new Interrupt();
        try {
            interrupt.previous = Signal.handle(INT, signal -> interrupt.fired.countDown());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            interrupt.previous = null;
        }
        return interrupt;
    }

    boolean fired() {
        return fired.getCount() == 0;
    }

    void await(long millis) throws InterruptedException {
        fired.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(INT, previous);
        }
    }
}
