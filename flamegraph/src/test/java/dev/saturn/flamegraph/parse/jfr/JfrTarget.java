package dev.saturn.flamegraph.parse.jfr;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A child JVM for the JFR tests: one thread burns CPU in {@link #burn}, one allocates byte arrays in
 * {@link #allocate}, and pairs of threads fight over a monitor ({@link #contendMonitor}) and a
 * ReentrantLock ({@link #contendLock}), each holder keeping it 30 ms, past JFR's 10 ms threshold.
 * Runs for the milliseconds given as its argument, then prints the burner's CPU time and exits so that JFR writes
 * the recording.
 */
public final class JfrTarget {
    static final Object MONITOR = new Object();
    static final ReentrantLock LOCK = new ReentrantLock();
    static volatile long sink;

    private JfrTarget() {}

    static long burn(long n) {
        long h = 17;
        for (long i = 0; i < n; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    static void allocate() throws InterruptedException {
        byte[][] ring = new byte[16][];
        for (int i = 0; ; i++) {
            ring[i & 15] = new byte[64 * 1024];
            sink += ring[(i + 1) & 15] == null ? 0 : ring[(i + 1) & 15].length;
            if ((i & 63) == 63) {
                Thread.sleep(5);
            }
        }
    }

    static void contendMonitor() throws InterruptedException {
        synchronized (MONITOR) {
            Thread.sleep(30);
        }
        letTheWaiterIn();
    }

    static void contendLock() throws InterruptedException {
        LOCK.lock();
        try {
            Thread.sleep(30);
        } finally {
            LOCK.unlock();
        }
        letTheWaiterIn();
    }

    /**
     * Neither a monitor nor a non-fair lock hands over to the thread waiting for it: a holder that takes it again at
     * once can keep it for the whole run on a loaded machine, and a waiter that never gets in records no event.
     */
    private static void letTheWaiterIn() throws InterruptedException {
        Thread.sleep(5);
    }

    interface Body {
        void run() throws InterruptedException;
    }

    static Thread loop(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    body.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public static void main(String[] args) throws InterruptedException {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        Thread burner = loop("burner", () -> sink += burn(1_000_000));
        loop("allocator", JfrTarget::allocate);
        loop("monitor-1", JfrTarget::contendMonitor);
        loop("monitor-2", JfrTarget::contendMonitor);
        loop("lock-1", JfrTarget::contendLock);
        loop("lock-2", JfrTarget::contendLock);
        Thread.sleep(millis);
        System.out.println("burner cpu ns " + ManagementFactory.getThreadMXBean().getThreadCpuTime(burner.getId()));
        System.exit(0);
    }
}
