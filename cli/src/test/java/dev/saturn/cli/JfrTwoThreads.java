package dev.saturn.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A child JVM for the JFR flag tests: thread saturn-alpha burns CPU in {@link #alpha} (whose loop calls
 * {@link #mix}, small enough for C2 to inline), thread saturn-beta in {@link #beta}. Prints "tid NAME TID" for
 * both from /proc/self/task, then exits once each has had the CPU milliseconds given as its argument, so that JFR
 * writes the recording whatever the machine's load.
 */
public final class JfrTwoThreads {
    static volatile long sink;

    private JfrTwoThreads() {
    }

    static long alpha(long n) {
        long h = 17;
        for (long i = 0; i < n; i++) { // alpha loop begins
            h = mix(h, i);
        } // alpha loop ends
        return h;
    }

    static long mix(long h, long i) {
        return h * 31 + (i ^ (h >>> 7));
    }

    static long beta(long n) {
        long h = 13;
        for (long i = 0; i < n; i++) {
            h = h * 17 + (i ^ (h >>> 5));
        }
        return h;
    }

    public static void main(String[] args) throws Exception {
        long cpuMillis = Long.parseLong(args[0]);
        Thread alpha = new Thread(() -> {
            while (true) {
                sink += alpha(1_000_000);
            }
        }, "saturn-alpha");
        Thread beta = new Thread(() -> {
            while (true) {
                sink += beta(1_000_000);
            }
        }, "saturn-beta");
        alpha.setDaemon(true);
        beta.setDaemon(true);
        alpha.start();
        beta.start();
        printTids();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && (mx.getThreadCpuTime(alpha.getId()) < cpuMillis * 1_000_000
                || mx.getThreadCpuTime(beta.getId()) < cpuMillis * 1_000_000)) {
            Thread.sleep(20);
        }
        System.out.println("done");
    }

    /** The kernel's thread IDs of both threads, by their comm (Java sets it to the thread's name). */
    private static void printTids() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int found = 0;
        while (found < 2 && System.nanoTime() < deadline) {
            found = 0;
            StringBuilder b = new StringBuilder();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    if (comm.equals("saturn-alpha") || comm.equals("saturn-beta")) {
                        b.append("tid ").append(comm).append(' ').append(task.getFileName()).append('\n');
                        found++;
                    }
                }
            }
            if (found == 2) {
                System.out.print(b);
            } else {
                Thread.sleep(10);
            }
        }
    }
}
