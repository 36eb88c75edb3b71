package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.TaskCounts;
import dev.saturn.collectors.snapshot.Snapshot;
import java.util.Collections;
import java.util.List;

/** What every resource analyzer needs: both snapshots, the interval, thresholds, CPU count. */
record Context(Snapshot before, Snapshot after, Interval interval, Thresholds thresholds, int cpus,
               List<TaskCounts> taskSamples) {
    Context {
        taskSamples = Collections.unmodifiableList(taskSamples);
    }

    double seconds() {
        return interval.seconds();
    }
}
