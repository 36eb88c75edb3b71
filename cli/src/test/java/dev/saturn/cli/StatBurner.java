package dev.saturn.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM for `saturn stat` tests: threads "steady" and "short" burn CPU for the milliseconds of
 * the first argument. Given more arguments, it waits for a line on standard input ("go"), then
 * "short" stops after the second argument's milliseconds and, given a third, the whole process
 * exits after that many, printing its CPU time ("cpu NANOS") just before. Prints "ready" once both
 * threads run.
 */
public final class StatBurner {
    static volatile long sink;
    static volatile long steadyDeadline;
    static volatile long shortDeadline;

    private StatBurner() {}

    static Thread burner(String name, boolean isShort) {
        Thread t = new Thread(() -> {
            long h = 17;
            while (System.nanoTime() < (isShort ? shortDeadline : steadyDeadline)) {
                for (int i = 0; i < 100_000; i++) {
                    h = h * 31 + (i ^ (h >>> 7));
                }
                sink += h;
            }
        }, name);
        t.start();
        return t;
    }

    public static void main(String[] args) throws Exception {
        steadyDeadline = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000;
        shortDeadline = steadyDeadline;
        Thread steady = burner("steady", false);
        burner("short", true);
        System.out.println("ready");
        System.out.flush();
        if (args.length > 1) {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long go = System.nanoTime();
            shortDeadline = go + Long.parseLong(args[1]) * 1_000_000;
            if (args.length > 2) {
                steadyDeadline = go + Long.parseLong(args[2]) * 1_000_000;
            }
        }
        steady.join();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("cpu " + os.getProcessCpuTime());
        System.out.flush();
        System.exit(0);
    }
}
