package dev.saturn.collectors.jfr;

import java.time.Instant;

/** One jdk.GarbageCollection: the collector, why it ran, and its stop-the-world pauses in nanoseconds. */
public record GcPause(Instant start, String collector, String cause, long sumOfPausesNs, long longestPauseNs) {
}
