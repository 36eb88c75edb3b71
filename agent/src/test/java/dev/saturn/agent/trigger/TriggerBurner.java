package dev.saturn.agent.trigger;

/** A child JVM that keeps four threads (more than the CPUs of a small CI machine, so that it is the top process) on the CPU in a method with a known name: {@code TriggerBurner SECONDS}. */
public final class TriggerBurner {
    static volatile long sink;

    private TriggerBurner() {
    }

    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000_000L;
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> burnForTheTrigger(end), "trigger-burner-" + i);
            threads[i].start();
        }
        System.out.println("ready");
        System.out.flush();
        for (Thread t : threads) {
            t.join();
        }
    }

    static void burnForTheTrigger(long end) {
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }
}
