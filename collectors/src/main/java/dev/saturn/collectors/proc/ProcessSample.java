package dev.saturn.collectors.proc;

/** One process from /proc/PID/stat: its name, state and CPU time so far (utime+stime, ticks). */
public record ProcessSample(int pid, String comm, char state, long cpuTicks) {
}
