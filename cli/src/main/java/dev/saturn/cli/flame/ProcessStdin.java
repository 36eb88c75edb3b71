package dev.saturn.cli.flame;

/**
 * Whether System.in is this process's file descriptor 0, which the flame commands may then read as a file (in
 * parts, {@link FlameInput#regularFile}): main says so; a caller in the same JVM (a test) that set System.in to
 * something else does not, and its System.in is read as a stream.
 */
public final class ProcessStdin {
    private static volatile boolean claimed;

    private ProcessStdin() {
    }

    /** Called by main, before any command runs. */
    public static void claim() {
        claimed = true;
    }

    static boolean claimed() {
        return claimed;
    }
}
