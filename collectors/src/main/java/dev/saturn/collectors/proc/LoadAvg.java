package dev.saturn.collectors.proc;

/** /proc/loadavg: load averages, runnable tasks now, and all threads in the system. */
public record LoadAvg(double load1, double load5, double load15, long runnable, long threads) {
}
