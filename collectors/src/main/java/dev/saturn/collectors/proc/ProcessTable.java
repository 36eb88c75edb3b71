package dev.saturn.collectors.proc;

import java.util.List;
import java.util.Map;
import dev.saturn.collectors.Reading;

/**
 * Every process at one moment, the TCP sockets by inode (for the processes' fd links "socket:[INODE]"), and whether
 * the kernel keeps per-task block-I/O delays (kernel.task_delayacct), or why that is not known. {@code readAtNanos}:
 * when the walk began (System.nanoTime), for a live read; null for a snapshot tree. The walk comes after the rest of
 * a snapshot and its first one reads more files than the next: its own times make the rates' interval.
 */
public record ProcessTable(List<ProcessSample> processes, Reading<Map<Long, SocketQueue>> sockets,
                           Reading<Boolean> delayAccounting, Long readAtNanos) {

    public ProcessTable(List<ProcessSample> processes, Reading<Map<Long, SocketQueue>> sockets, Reading<Boolean> delayAccounting) {
        this(processes, sockets, delayAccounting, null);
    }

    /** Seconds from this table to a later one, by their own read times where both have them, else {@code otherwise}. */
    public double secondsUntil(ProcessTable later, double otherwise) {
        return readAtNanos != null && later.readAtNanos != null ? (later.readAtNanos - readAtNanos) / 1e9 : otherwise;
    }

    public ProcessTable {
        processes = List.copyOf(processes);
        sockets = sockets.isAvailable() ? Reading.of(Map.copyOf(sockets.value())) : sockets;
    }
}
