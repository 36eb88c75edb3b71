package dev.saturn.collectors.perf;

/**
 * A child JVM for the counter tests. Arguments: total milliseconds, when the "short" thread exits,
 * when the main thread starts a "late" thread (0: never), all counted from "ready" on stdout. The
 * "steady" thread burns CPU until the end. Prints its CPU time ("cpu NANOS") just before it exits.
 */
public final class Burner {
    static volatile long sink;

    private Burner() {}

    static void burnUntil(long deadlineNanos) {
        long h = 17;
        while (System.nanoTime() < deadlineNanos) {
            for (int i = 0; i < 100_000; i++) {
                h = h * 31 + (i ^ (h >>> 7));
            }
            sink += h;
        }
    }

    static Thread burner(String name, long deadlineNanos) {
        Thread t = new Thread(() -> burnUntil(deadlineNanos), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public static void main(String[] args) throws InterruptedException {
        long total = Long.parseLong(args[0]);
        long shortExit = args.length > 1 ? Long.parseLong(args[1]) : total;
        long lateStart = args.length > 2 ? Long.parseLong(args[2]) : 0;
        long start = System.nanoTime();
        long end = start + total * 1_000_000;
        burner("steady", end);
        burner("short", start + shortExit * 1_000_000);
        System.out.println("ready");
        System.out.flush();
        if (lateStart > 0) {
            Thread.sleep(lateStart);
            burner("late", end);
        }
        Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        System.out.println("cpu " + os.getProcessCpuTime());
        System.out.flush();
        System.exit(0);
    }
}
