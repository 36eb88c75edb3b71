package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.collectors.proc.TaskCounts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runnable and blocked tasks are averaged alike: over the samples of a live interval, or the two ends of a tree pair. */
class TaskGaugesTest {
    @TempDir
    Path tmp;

    @Test
    void blockedTasksAreTheMeanOfTheSamplesAsTheRunQueueIs() throws Exception {
        TreePair pair = new TreePair(tmp);
        TreePair.line(pair.before, "proc/stat", "procs_blocked", "procs_blocked 0");
        TreePair.line(pair.after, "proc/stat", "procs_blocked", "procs_blocked 0");
        // A burst of 8 blocked tasks in the middle of the interval, gone at both ends.
        List<TaskCounts> samples = List.of(new TaskCounts(3, 0), new TaskCounts(5, 8), new TaskCounts(5, 8), new TaskCounts(3, 0));
        UseReport r = pair.analyze(samples);
        assertEquals(4.0, CaptureFormulasTest.row(r, "tasks", null).metrics().get("blocked_avg"), 1e-9);
        assertEquals(3.0, CaptureFormulasTest.row(r, "cpu", null).metrics().get("runq_avg"), 1e-9, "mean 4, less the reader");
        assertEquals(Status.WARN, CaptureFormulasTest.row(r, "tasks", null).saturation().status(), "4 blocked on 2 CPUs");
    }

    @Test
    void treesWithoutSamplesUseBothEnds() throws Exception {
        TreePair pair = new TreePair(tmp);
        TreePair.line(pair.before, "proc/stat", "procs_blocked", "procs_blocked 1");
        TreePair.line(pair.after, "proc/stat", "procs_blocked", "procs_blocked 4");
        assertEquals(2.5, CaptureFormulasTest.row(pair.analyze(), "tasks", null).metrics().get("blocked_avg"), 1e-9);
    }

    @Test
    void forkRateFromTheProcessesCounter() throws Exception {
        TreePair pair = new TreePair(tmp);
        TreePair.line(pair.before, "proc/stat", "processes", "processes 1000");
        TreePair.line(pair.after, "proc/stat", "processes", "processes 1388");
        assertEquals(388 / pair.seconds(), CaptureFormulasTest.row(pair.analyze(), "tasks", null).metrics().get("forks_per_s"), 1e-9);
    }
}
