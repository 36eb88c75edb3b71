package dev.saturn.collectors.proc;

/** A PSI file: cumulative microseconds that some (or all, "full") tasks stalled on the resource. */
public record Pressure(long someTotalUs, Long fullTotalUs) {
}
