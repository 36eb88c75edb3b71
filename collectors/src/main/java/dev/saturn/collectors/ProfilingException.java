package dev.saturn.collectors;

/**
 * Something saturn could not do to a process or with a profiler (perf missing, a process gone, attach
 * refused); the message says what went wrong and what to do, in one line. Where what to do is a choice
 * of the caller's (a command's flag, an agent's setting), the {@link Remedy} names it and the caller words it.
 */
public final class ProfilingException extends RuntimeException {
    /** A change the caller can make, which only it can name. */
    public enum Remedy {
        /** Nothing beyond the message. */
        NONE,
        /** Profile the JVM as any process, with perf rather than async-profiler. */
        PROFILE_JVM_WITH_PERF,
        /** Name the perf binary's path. */
        PERF_PATH
    }

    private final Remedy remedy;

    public ProfilingException(String message) {
        this(message, Remedy.NONE);
    }

    public ProfilingException(String message, Remedy remedy) {
        super(message, null, false, false);
        this.remedy = remedy;
    }

    public Remedy remedy() {
        return remedy;
    }
}
