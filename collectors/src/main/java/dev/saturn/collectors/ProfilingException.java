package dev.saturn.collectors;

/**
 * Something saturn could not do to a process or with a profiler (perf missing, a process gone, attach
 * refused); the message says what went wrong and what to do, in one line.
 */
public final class ProfilingException extends RuntimeException {
    public ProfilingException(String message) {
        super(message, null, false, false);
    }
}
