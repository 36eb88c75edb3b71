package dev.saturn.collectors.jfr;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A child JVM for the JFR summary tests. One thread burns CPU in {@link #burn}; two threads fight
 * over the monitor of a {@link Ledger}, two over a ReentrantLock, each holder keeping it 40 ms, past
 * the 10 ms (profile) and 20 ms (default) thresholds of jdk.JavaMonitorEnter and jdk.ThreadPark; the
 * main thread calls System.gc() every 500 ms. Prints the burner's CPU time and exits after the milliseconds given as
 * its argument.
 */
public final class LockTarget {
    /** The contended monitor's class, the name a summary must show. */
    static final class Ledger {
        long entries;
    }

    static final Ledger LEDGER = new Ledger();
    static final ReentrantLock LOCK = new ReentrantLock();
    static volatile long sink;

    private LockTarget() {}

    static long burn(long n) {
        long h = 17;
        for (long i = 0; i < n; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    static void contendMonitor() throws InterruptedException {
        synchronized (LEDGER) {
            LEDGER.entries++;
            Thread.sleep(40);
        }
        Thread.sleep(1); // lets the woken waiter in: an exiting holder would otherwise barge back in
    }

    static void contendLock() throws InterruptedException {
        LOCK.lock();
        try {
            Thread.sleep(40);
        } finally {
            LOCK.unlock();
        }
        Thread.sleep(1);
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
        long end = System.nanoTime() + millis * 1_000_000;
        Thread burner = loop("burner", () -> sink += burn(1_000_000));
        loop("monitor-1", LockTarget::contendMonitor);
        loop("monitor-2", LockTarget::contendMonitor);
        loop("lock-1", LockTarget::contendLock);
        loop("lock-2", LockTarget::contendLock);
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.gc();
        }
        System.out.println("burner cpu ns " + ManagementFactory.getThreadMXBean().getThreadCpuTime(burner.getId()));
        System.exit(0);
    }
}
