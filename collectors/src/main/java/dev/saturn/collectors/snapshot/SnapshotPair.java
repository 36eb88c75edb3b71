package dev.saturn.collectors.snapshot;

import dev.saturn.collectors.proc.TaskCounts;
import java.util.Collections;
import java.util.List;

/**
 * Two snapshots of one host and what was sampled between them: the runnable and blocked task counts
 * of /proc/stat, read alike at every tick of a live interval (empty for a pair of trees, whose
 * analysis then takes both gauges at the two ends).
 */
public record SnapshotPair(Snapshot before, Snapshot after, List<TaskCounts> taskSamples) {
    public SnapshotPair {
        taskSamples = Collections.unmodifiableList(taskSamples);
    }

}
