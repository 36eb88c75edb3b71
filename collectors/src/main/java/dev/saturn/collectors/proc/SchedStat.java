package dev.saturn.collectors.proc;

/** /proc/schedstat summed over CPUs: time tasks waited on a run queue, and timeslices run. */
public record SchedStat(long runDelayNs, long timeslices) {
}
