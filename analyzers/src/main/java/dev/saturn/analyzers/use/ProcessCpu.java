package dev.saturn.analyzers.use;

/** A process and the CPU it used over the interval, in percent of one CPU (as top shows it). */
public record ProcessCpu(int pid, String command, double cpuPct, char state) {
}
