package dev.saturn.collectors.snapshot;

import java.util.List;

/**
 * Two snapshots of one host and what was sampled between them: the number of runnable tasks,
 * read from /proc/loadavg during a live interval (for a pair of trees, /proc/stat's procs_running
 * at both ends).
 */
public record SnapshotPair(Snapshot before, Snapshot after, List<Long> runnableSamples) {
}
