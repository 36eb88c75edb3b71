package dev.saturn.collectors.snapshot;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.perf.PmuCounters;
import dev.saturn.collectors.perf.PmuCounts;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.CpuStatReader;
import dev.saturn.collectors.proc.TaskCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples a live host over an interval: a snapshot, the runnable and blocked tasks every 50 ms
 * while it waits, a second snapshot. Consecutive intervals share their boundary snapshot, as vmstat's do.
 */
public final class LiveSampler implements AutoCloseable {
    public static final Duration RUNQ_PERIOD = Duration.ofMillis(50);

    private final SnapshotReader reader;
    private final Reading<PmuCounters> pmu;
    private final long runqPeriodNanos;
    private Snapshot previous;

    public LiveSampler(HostPaths paths, boolean withProcesses, boolean withPmu) {
        this(paths, withProcesses, withPmu, RUNQ_PERIOD);
    }

    /**
     * {@code runqPeriod}: how often the run queue is read while an interval waits. Each read is a
     * wake-up and a file read (about 0.1 ms of CPU on a quiet host): a one-shot report affords 50 ms,
     * an agent sampling around the clock reads less often.
     */
    public LiveSampler(HostPaths paths, boolean withProcesses, boolean withPmu, Duration runqPeriod) {
        this(paths, withProcesses, withPmu, runqPeriod, Duration.ZERO);
    }

    /**
     * {@code slowEvery}: how often the slow-changing sources (mounts and file systems, the cgroup's place,
     * machine checks, kernel limits) are read again; zero reads them in every snapshot.
     */
    public LiveSampler(HostPaths paths, boolean withProcesses, boolean withPmu, Duration runqPeriod, Duration slowEvery) {
        this(paths, withProcesses, withPmu, runqPeriod, slowEvery, null);
    }

    /** {@code cgroup}: the group whose usage and limits are read (--cgroup); null for this process's own. */
    public LiveSampler(HostPaths paths, boolean withProcesses, boolean withPmu, Duration runqPeriod, Duration slowEvery, String cgroup) {
        this.runqPeriodNanos = runqPeriod.toNanos();
        this.reader = new SnapshotReader(paths, withProcesses, slowEvery, cgroup);
        reader.warmUp();
        this.pmu = withPmu ? PmuCounters.open(paths, cpuCount(paths)) : Reading.unavailable("PMU counters not requested");
    }

    /** Takes the next interval; {@code tick} is called at every run-queue read with the fraction done. */
    public SnapshotPair next(Duration interval, java.util.function.DoubleConsumer tick) throws InterruptedException {
        Snapshot before = previous != null ? previous : reader.live(pmuCounts());
        long start = before.monotonicNanos();
        long end = start + interval.toNanos();
        List<TaskCounts> tasks = new ArrayList<>();
        long now;
        while ((now = System.nanoTime()) < end) {
            long sleep = Math.min(runqPeriodNanos, end - now);
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            if (System.nanoTime() < end) {
                CpuStatReader.taskCounts(reader.paths()).map(tasks::add);
            }
            tick.accept(Math.min(1.0, (System.nanoTime() - start) / (double) interval.toNanos()));
        }
        Snapshot after = reader.live(pmuCounts());
        // The interval's last count is the end snapshot's own /proc/stat, not one more read of it a moment before.
        endCounts(after).map(tasks::add);
        previous = after;
        return new SnapshotPair(before, after, List.copyOf(tasks));
    }

    private Reading<TaskCounts> endCounts(Snapshot after) {
        if (after.cpu().isAvailable()) {
            CpuStat stat = after.cpu().value();
            if (stat.procsRunning() != null && stat.procsBlocked() != null) {
                return Reading.of(new TaskCounts(stat.procsRunning(), stat.procsBlocked()));
            }
        }
        return CpuStatReader.taskCounts(reader.paths());
    }

    private Reading<PmuCounts> pmuCounts() {
        return pmu.map(PmuCounters::read);
    }

    private static int cpuCount(HostPaths paths) {
        return CpuStatReader.read(paths).map(stat -> stat.cpus().size()).orElse(Runtime.getRuntime().availableProcessors());
    }

    /** Closes the PMU counters and the kernel files its reader kept open. */
    @Override
    public void close() {
        if (pmu.isAvailable()) {
            pmu.value().close();
        }
        reader.close();
    }
}
