package dev.saturn.collectors.proc;

import java.util.List;
import java.util.Map;
import dev.saturn.collectors.Reading;

/**
 * Every process at one moment, the TCP sockets by inode (for the processes' fd links "socket:[INODE]"), and whether
 * the kernel keeps per-task block-I/O delays (kernel.task_delayacct), or why that is not known. {@code readAtNanos}:
 * when the walk began (System.nanoTime), for a live read; null for a snapshot tree. The walk comes after the rest of
 * a snapshot and its first one reads more files than the next: its own times make the rates' interval.
 * {@code readNanos}: when each process's stat was read, in the order of {@code processes}, for a live read; null
 * for a snapshot tree. A walk of 2,000 processes takes 10 ms and its first one, which reads every file of every
 * process, 100 ms (more on a loaded host): a process read late in the first walk and early in the next was
 * measured over an interval that much shorter than the walks' own.
 */
public record ProcessTable(List<ProcessSample> processes, Reading<Map<Long, SocketQueue>> sockets,
                           Reading<Boolean> delayAccounting, Long readAtNanos, long[] readNanos) {

    public ProcessTable(List<ProcessSample> processes, Reading<Map<Long, SocketQueue>> sockets, Reading<Boolean> delayAccounting) {
        this(processes, sockets, delayAccounting, null, null);
    }

    /** Seconds from this table to a later one, by their own read times where both have them, else {@code otherwise}. */
    public double secondsUntil(ProcessTable later, double otherwise) {
        return readAtNanos != null && later.readAtNanos != null ? (later.readAtNanos - readAtNanos) / 1e9 : otherwise;
    }

    /**
     * Seconds from this table's {@code index}th process to the later table's {@code laterIndex}th, by when each was
     * read where both tables know it, else {@code otherwise}.
     */
    public double secondsUntil(int index, ProcessTable later, int laterIndex, double otherwise) {
        return readNanos != null && later.readNanos != null ? (later.readNanos[laterIndex] - readNanos[index]) / 1e9 : otherwise;
    }

    public ProcessTable {
        processes = List.copyOf(processes);
        sockets = sockets.isAvailable() ? Reading.of(Map.copyOf(sockets.value())) : sockets;
        if (readNanos != null && readNanos.length != processes.size()) {
            throw new IllegalArgumentException(readNanos.length + " read times for " + processes.size() + " processes");
        }
    }
}
