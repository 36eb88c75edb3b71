package dev.saturn.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * How much slower than its CPU time a CPU-bound piece of work runs on this machine now: the wall time a spin of
 * 100 ms of this thread's CPU takes, over 100 ms (1 on an idle machine, about 3 with two busy loops per CPU). A
 * bound on a wall time, such as a browser's load, is multiplied by it, so a busy machine does not fail the test.
 */
public final class Slowdown {
    private static final long SPIN_NANOS = 100_000_000;
    private static volatile long sink;

    private Slowdown() {
    }

    public static double now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() - cpu0 < SPIN_NANOS) {
            for (int i = 0; i < 10_000; i++) {
                x += (i * 31L) ^ (x >>> 3);
            }
        }
        sink = x;
        return Math.max(1.0, (double) (System.nanoTime() - wall0) / SPIN_NANOS);
    }
}
