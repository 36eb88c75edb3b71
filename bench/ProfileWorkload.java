import java.util.Arrays;
import java.util.Random;

/**
 * A fixed amount of CPU-bound Java work for bench/profile-overhead.sh: warms up, prints "ready",
 * waits for a profiler to attach, then times the work and prints "elapsed_ms N". The work has some
 * call depth (recursion, sorting, hashing) so that a profiler walks realistic stacks.
 *
 * usage: java ProfileWorkload [ROUNDS] [ATTACH_WAIT_MS]
 */
public final class ProfileWorkload {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long attachWait = args.length > 1 ? Long.parseLong(args[1]) : 3000;
        for (int i = 0; i < rounds / 4; i++) {
            round(i);
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(attachWait);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            round(i);
        }
        System.out.println("elapsed_ms " + (System.nanoTime() - start) / 1_000_000);
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
