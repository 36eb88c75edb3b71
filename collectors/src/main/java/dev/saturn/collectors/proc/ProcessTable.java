package dev.saturn.collectors.proc;

import java.util.List;
import java.util.Map;
import dev.saturn.collectors.Reading;

/**
 * Every process at one moment, the TCP sockets by inode (for the processes' fd links "socket:[INODE]"), and whether
 * the kernel keeps per-task block-I/O delays (kernel.task_delayacct), or why that is not known.
 */
public record ProcessTable(List<ProcessSample> processes, Reading<Map<Long, SocketQueue>> sockets,
                           Reading<Boolean> delayAccounting) {
    public ProcessTable {
        processes = List.copyOf(processes);
        sockets = sockets.isAvailable() ? Reading.of(Map.copyOf(sockets.value())) : sockets;
    }
}
