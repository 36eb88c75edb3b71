package dev.saturn.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM for profile and jfr tests: does one kind of work in named threads until killed, after
 * printing "ready" once the work has warmed up. Modes: cpu (burnCpu in thread saturn-burner), alloc
 * (allocate), wall (a thread saturn-sleeper asleep in sleepy), lock (two threads contending in contend).
 * A second argument makes it exit once its threads have had that many milliseconds of CPU time after "ready": a
 * lifetime in CPU time, which a busy machine stretches as it stretches the profiler's attach.
 */
public final class JavaBurner {
    static volatile long sink;
    static volatile Object kept;
    static final Object LOCK = new Object();

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "cpu";
        List<Thread> threads = new ArrayList<>();
        switch (mode) {
            case "cpu" -> threads.add(new Thread(() -> forever(JavaBurner::burnCpu), "saturn-burner"));
            case "alloc" -> threads.add(new Thread(() -> forever(JavaBurner::allocate), "saturn-allocator"));
            case "wall" -> threads.add(new Thread(() -> forever(JavaBurner::sleepy), "saturn-sleeper"));
            case "lock" -> {
                threads.add(new Thread(() -> forever(JavaBurner::contend), "saturn-locker-1"));
                threads.add(new Thread(() -> forever(JavaBurner::contend), "saturn-locker-2"));
            }
            default -> throw new IllegalArgumentException(mode);
        }
        threads.forEach(t -> t.setDaemon(true));
        threads.forEach(Thread::start);
        Thread.sleep(1500);
        System.out.println("ready");
        System.out.flush();
        if (args.length < 2) {
            Thread.sleep(Long.MAX_VALUE);
        }
        long lifetimeNanos = Long.parseLong(args[1]) * 1_000_000;
        long atReady = cpuNanos(threads);
        while (cpuNanos(threads) - atReady < lifetimeNanos) {
            Thread.sleep(10);
        }
    }

    private static long cpuNanos(List<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return threads.stream().mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum();
    }

    private static void forever(Runnable work) {
        while (true) {
            work.run();
        }
    }

    static void burnCpu() {
        long x = sink;
        for (int i = 0; i < 5_000_000; i++) {
            x += (i * 31L) ^ (x >>> 3);
        }
        sink = x;
    }

    static void allocate() {
        for (int i = 0; i < 1000; i++) {
            kept = new byte[1024 + (i & 1023)];
        }
    }

    static void sleepy() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void contend() {
        synchronized (LOCK) {
            long end = System.nanoTime() + 2_000_000;
            while (System.nanoTime() < end) {
                sink++;
            }
        }
        // Step aside so the woken waiter takes the monitor: re-entering at once, the holder barges back in and
        // on a busy 2-CPU machine the waiter could wait out a whole profile, and a blocked thread that never
        // enters is no lock event.
        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
    }
}
