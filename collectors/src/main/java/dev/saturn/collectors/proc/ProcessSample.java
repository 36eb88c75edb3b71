package dev.saturn.collectors.proc;

/**
 * One process from /proc/PID/stat: its name, state, CPU time so far (utime+stime, ticks), major faults, threads,
 * resident set, start time (ticks after boot: with the pid, who it is), the ticks it waited for block I/O
 * (delay accounting; 0 where the kernel does not keep it) and the CPU time of its children it waited for
 * (cutime+cstime); and what the slower files say ({@code detail}), null where they were not read.
 */
public record ProcessSample(int pid, String comm, char state, long cpuTicks, long majorFaults, int threads,
                            long rssBytes, long startTicks, long blkioTicks, long childTicks, ProcessDetail detail) {

    /** A process from its stat alone. */
    public ProcessSample(int pid, String comm, char state, long cpuTicks) {
        this(pid, comm, state, cpuTicks, 0, 1, 0, 0, 0, 0, null);
    }

    public ProcessSample withDetail(ProcessDetail d) {
        return d == detail ? this : new ProcessSample(pid, comm, state, cpuTicks, majorFaults, threads, rssBytes, startTicks, blkioTicks, childTicks, d);
    }

    /** The same process as {@code earlier}: the pid was not reused in between. */
    public boolean sameAs(ProcessSample earlier) {
        return earlier.pid == pid && earlier.startTicks == startTicks;
    }
}
