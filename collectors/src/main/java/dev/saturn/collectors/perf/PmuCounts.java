package dev.saturn.collectors.perf;

/** System-wide hardware counter totals since the counters were opened. */
public record PmuCounts(long cycles, long instructions) {
}
