package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.TaskCounts;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runnable and blocked tasks are gauges, not counters: their mean over the interval comes from the
 * samples a live interval took (both alike, at the same instants), or from the two ends of a pair
 * of trees, which is all a tree has.
 */
final class TaskGauges {
    private TaskGauges() {
    }

    static double mean(Context c, ToLongFunction<TaskCounts> sampled, Function<CpuStat, Long> atEnd, String name) {
        if (!c.taskSamples().isEmpty()) {
            double sum = 0;
            for (TaskCounts t : c.taskSamples()) {
                sum += sampled.applyAsLong(t);
            }
            return sum / c.taskSamples().size();
        }
        Long b = atEnd.apply(c.before().cpu().get());
        Long a = atEnd.apply(c.after().cpu().get());
        if (b == null || a == null) {
            throw new Unavailable("no " + name + " in /proc/stat");
        }
        return (b + a) / 2.0;
    }
}
