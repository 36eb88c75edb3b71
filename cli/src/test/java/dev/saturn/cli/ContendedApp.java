package dev.saturn.cli;

/**
 * A child JVM for `saturn jfr summary` tests: "burner" spins in {@link #burn}, two threads take
 * turns holding the monitor of an {@link Inventory} for 40 ms (past JFR's 20 ms default threshold),
 * and the main thread calls System.gc() every 400 ms. Exits after the milliseconds of its argument.
 */
public final class ContendedApp {
    static final class Inventory {
        int items;
    }

    static final Inventory INVENTORY = new Inventory();
    static volatile long sink;

    private ContendedApp() {}

    static long burn(long n) {
        long h = 17;
        for (long i = 0; i < n; i++) {
            h = h * 31 + (i ^ (h >>> 7));
        }
        return h;
    }

    static void restock() throws InterruptedException {
        synchronized (INVENTORY) {
            INVENTORY.items++;
            Thread.sleep(40);
        }
        Thread.sleep(1); // the woken waiter gets the monitor; the holder would otherwise barge back in
    }

    static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) throws InterruptedException {
        long end = System.nanoTime() + Long.parseLong(args[0]) * 1_000_000;
        daemon("burner", () -> {
            while (true) {
                sink += burn(1_000_000);
            }
        });
        for (String name : new String[] {"restock-1", "restock-2"}) {
            daemon(name, () -> {
                try {
                    while (true) {
                        restock();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        while (System.nanoTime() < end) {
            Thread.sleep(400);
            System.gc();
        }
        System.exit(0);
    }
}
