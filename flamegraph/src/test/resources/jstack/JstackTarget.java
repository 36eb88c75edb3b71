// The program behind the jstack fixtures in this folder. Recorded with:
//   java JstackTarget.java & sleep 3
//   for i in 1 2 3; do jstack $! >> three-dumps.txt; sleep 1; done
//   jcmd $! Thread.print -l > jcmd-thread-print.txt
// Two threads spin (RUNNABLE), the rest sleep, wait, block on a monitor or hold it.
public class JstackTarget {
    static final Object LOCK = new Object();
    static final Object SIGNAL = new Object();
    static volatile long sink;

    static void spinSum() {
        long s = 0;
        for (long i = 0; ; i++) {
            s += i * i;
            if ((i & 0xffffff) == 0) {
                sink = s;
            }
        }
    }

    static void spinHash() {
        int h = 1;
        for (int i = 0; ; i++) {
            h = 31 * h + i;
            if ((i & 0xffffff) == 0) {
                sink = h;
            }
        }
    }

    static void nap() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void awaitSignal() {
        synchronized (SIGNAL) {
            try {
                SIGNAL.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void holdLock() {
        synchronized (LOCK) {
            nap();
        }
    }

    static void enterLock() {
        synchronized (LOCK) {
            sink++;
        }
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public static void main(String[] args) throws Exception {
        start("spin-sum", JstackTarget::spinSum);
        start("spin-hash-1", JstackTarget::spinHash);
        start("sleeper", JstackTarget::nap);
        start("waiter", JstackTarget::awaitSignal);
        start("holder", JstackTarget::holdLock);
        Thread.sleep(200);
        start("blocked", JstackTarget::enterLock);
        start("odd;name \"q\" <&> \u001b[1m", JstackTarget::nap);
        Thread.sleep(600_000);
    }
}
