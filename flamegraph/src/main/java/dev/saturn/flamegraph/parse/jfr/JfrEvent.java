package dev.saturn.flamegraph.parse.jfr;

import java.util.List;

/** What a JFR flame graph counts, by `--event`: the JFR event types read and what weighs a stack. */
public enum JfrEvent {
    /** Threads running Java code: jdk.ExecutionSample, one per sample. */
    CPU(List.of("jdk.ExecutionSample"), "samples"),
    /**
     * Threads running Java code or inside a native method (socket reads, epoll, file I/O):
     * jdk.ExecutionSample and jdk.NativeMethodSample, one per sample. Threads blocked in the JVM
     * (sleep, wait, park, monitor entry) are in neither event; see {@link #LOCK}.
     */
    WALL(List.of("jdk.ExecutionSample", "jdk.NativeMethodSample"), "samples"),
    /**
     * Heap allocation in bytes: jdk.ObjectAllocationSample by its `weight`; in recordings without
     * it (JDK 15 and older, or custom settings), jdk.ObjectAllocationInNewTLAB by `tlabSize` and
     * jdk.ObjectAllocationOutsideTLAB by `allocationSize`. The allocated class is the leaf frame.
     */
    ALLOC(List.of("jdk.ObjectAllocationSample", "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB"), "bytes"),
    /**
     * Time blocked on locks in nanoseconds: jdk.JavaMonitorEnter (synchronized) and jdk.ThreadPark
     * (java.util.concurrent locks, but also idle pool threads), by `duration`. The lock's class is
     * the leaf frame.
     */
    LOCK(List.of("jdk.JavaMonitorEnter", "jdk.ThreadPark"), "nanoseconds");

    private final List<String> eventTypes;
    private final String unit;

    JfrEvent(List<String> eventTypes, String unit) {
        this.eventTypes = eventTypes;
        this.unit = unit;
    }

    /** The JFR event types it reads. */
    public List<String> eventTypes() {
        return eventTypes;
    }

    /** What the weights count, for `--countname`. */
    public String unit() {
        return unit;
    }
}
