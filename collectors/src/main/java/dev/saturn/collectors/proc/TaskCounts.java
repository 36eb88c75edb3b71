package dev.saturn.collectors.proc;

/** /proc/stat's task gauges at one instant: tasks runnable (procs_running) and in uninterruptible sleep (procs_blocked). */
public record TaskCounts(long running, long blocked) {
}
