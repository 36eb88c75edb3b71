package dev.saturn.collectors.proc;

import dev.saturn.collectors.Reading;

/**
 * What a process's slower files say: the time its threads waited on a run queue (schedstat, ns), its block I/O
 * (io), its swapped-out memory (status VmSwap), its file descriptors against its own limit (fd, limits) and its
 * cgroup. Each is a reading: a file that cannot be read (another user's io without root) gives the reason.
 */
public record ProcessDetail(Reading<Long> runDelayNanos, Reading<ProcessIo> io, Reading<Long> swapBytes,
                            Reading<FdUsage> fds, String cgroup) {
}
