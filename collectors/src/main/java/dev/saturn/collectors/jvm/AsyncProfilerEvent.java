package dev.saturn.collectors.jvm;

/** What async-profiler samples, and what the weights of its stacks count. */
public enum AsyncProfilerEvent {
    /** On-CPU time: perf_events cpu-clock where allowed, else a per-thread CPU timer (ctimer). */
    CPU("cpu", "samples", false),
    /** Wall-clock time of every thread, running or not. */
    WALL("wall", "samples", false),
    /** Heap allocations, weighted by bytes. */
    ALLOC("alloc", "bytes", true),
    /** Contended locks, weighted by nanoseconds waited. */
    LOCK("lock", "ns", true);

    private final String agentName;
    private final String countName;
    private final boolean weighted;

    AsyncProfilerEvent(String agentName, String countName, boolean weighted) {
        this.agentName = agentName;
        this.countName = countName;
        this.weighted = weighted;
    }

    public String agentName() {
        return agentName;
    }

    /** What a stack's count is: samples, bytes or ns. */
    public String countName() {
        return countName;
    }

    /** Counts are totals (bytes, ns) rather than samples: async-profiler's `total` option. */
    boolean weighted() {
        return weighted;
    }

    /** cpu and wall sample at an interval saturn sets from the frequency; alloc and lock keep async-profiler's. */
    boolean timed() {
        return this == CPU || this == WALL;
    }
}
