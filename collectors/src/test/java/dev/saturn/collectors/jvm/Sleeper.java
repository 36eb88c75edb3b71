package dev.saturn.collectors.jvm;

/** A child JVM that says "ready" and sleeps, for tests that attach to it. */
public final class Sleeper {
    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
