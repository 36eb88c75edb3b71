// The program behind deadlock.txt: two threads take two monitors in opposite order, a third spins.
//   java Deadlock.java & sleep 3; jstack $! > deadlock.txt
public class Deadlock {
    static final Object A = new Object();
    static final Object B = new Object();
    static volatile long sink;

    static void lockBoth(Object first, Object second) {
        synchronized (first) {
            pause();
            synchronized (second) {
                sink++;
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void spin() {
        for (long i = 0; ; i++) {
            sink += i;
        }
    }

    public static void main(String[] args) throws Exception {
        new Thread(() -> lockBoth(A, B), "left").start();
        new Thread(() -> lockBoth(B, A), "right").start();
        Thread spinner = new Thread(Deadlock::spin, "spinner");
        spinner.setDaemon(true);
        spinner.start();
    }
}
