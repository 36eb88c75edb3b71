import java.util.Arrays;
import java.util.Random;

/**
 * A fixed amount of CPU-bound Java work for bench/profile-overhead.sh: warms up, prints "ready",
 * waits until the file GO exists (the bench creates it once the profiler says it is sampling), then
 * times the work and prints "elapsed_ms N cpu_ms M" (M: the process's CPU time over the work, which
 * other load on the machine disturbs less than the wall time). The work has some call depth (recursion, sorting,
 * hashing) so that a profiler walks realistic stacks.
 *
 * usage: java ProfileWorkload ROUNDS GO
 */
public final class ProfileWorkload {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        java.nio.file.Path go = java.nio.file.Path.of(args[1]);
        for (int i = 0; i < rounds / 4; i++) {
            round(i);
        }
        System.out.println("ready");
        System.out.flush();
        while (!java.nio.file.Files.exists(go)) {
            Thread.sleep(10);
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            round(i);
        }
        long elapsed = System.nanoTime() - start;
        System.out.println("elapsed_ms " + elapsed / 1_000_000 + " cpu_ms " + (os.getProcessCpuTime() - cpu) / 1_000_000);
    }

    static void round(int seed) {
        sink += fib(22) + sortAndHash(seed) + text(seed);
    }

    static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    static long sortAndHash(int seed) {
        Random r = new Random(seed);
        int[] a = new int[20_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt();
        }
        Arrays.sort(a);
        return Arrays.hashCode(a);
    }

    static long text(int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            sb.append(i ^ seed).append(',');
        }
        return sb.toString().hashCode();
    }
}
