package dev.saturn.agent.schedule;

import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import java.time.Duration;

/**
 * One USE report per interval from the live host. Intervals are timed on the monotonic clock and
 * share their boundary snapshots, so they neither drift nor overlap. The process table is read by a kept reader
 * that refreshes idle processes every {@link #SLOW_EVERY} (collectors.proc.ProcessTableReader explains how the
 * walk stays cheap), when the agent runs with --processes. The run queue is read once a second at most
 * ({@link #runqPeriod}), not every 50 ms as `saturn use` does: each read is a wake-up of the sampling
 * thread, about 0.2 ms of CPU here even when idle, and the end-of-interval wake-up is needed for the
 * snapshot anyway. Before the first
 * interval the sampling path runs {@link #WARM_UP_ROUNDS} times back to back, so that C1 compiles it in
 * the first seconds rather than over the first minutes at one call a second (startup CPU traded for
 * steady-state CPU; those reports are discarded). The slow-changing sources (file systems and mounts,
 * the cgroup's place, machine checks, kernel limits) are read every {@link #SLOW_EVERY}, not every sample.
 */
public final class UseSampler implements AutoCloseable {
    private final LiveSampler sampler;
    private final UseAnalyzer analyzer;
    private final Duration interval;
    /** Past C1's invocation threshold (200), with margin; 0 turns the warm-up off (-Dsaturn.agent.warmup=0). */
    static final int WARM_UP_ROUNDS = Integer.getInteger("saturn.agent.warmup", 300);
    private boolean warm;
    private Snapshot lastAfter;
    /** File system space arrives up to this late; a machine check is counted in the interval that reads it. */
    public static final Duration SLOW_EVERY = Duration.ofSeconds(10);

    /** {@code cgroup}: the group whose limits the cgroup row reads (--cgroup); null for the agent's own. */
    public UseSampler(HostPaths paths, UseAnalyzer analyzer, Duration interval, String cgroup) {
        this(paths, analyzer, interval, cgroup, true);
    }

    /** {@code processes}: whether each sample reads the process table (--processes; off by default). */
    public UseSampler(HostPaths paths, UseAnalyzer analyzer, Duration interval, String cgroup, boolean processes) {
        this.sampler = new LiveSampler(paths, processes, true, runqPeriod(interval), SLOW_EVERY, cgroup);
        this.analyzer = analyzer;
        this.interval = interval;
    }

    /**
     * Once a second at most, and an interval of a second or less reads it once, at its end, from the end snapshot's
     * own /proc/stat (as vmstat's r column): each read in between is a wake-up of this thread, and a wake-up costs
     * about as much CPU as reading a kernel file.
     */
    static Duration runqPeriod(Duration interval) {
        return Duration.ofMillis(Math.max(1, Math.min(1000, interval.toMillis())));
    }

    public Duration interval() {
        return interval;
    }

    public UseReport next() throws InterruptedException {
        if (!warm) {
            warm = true;
            warmUp(WARM_UP_ROUNDS);
        }
        SnapshotPair pair = sampler.next(interval, fraction -> { });
        lastAfter = pair.after();
        return analyzer.analyze(pair);
    }

    /** The snapshot that ended the interval of the latest {@link #next()}: its raw counters are /metrics' counters. */
    public Snapshot lastSnapshot() {
        return lastAfter;
    }

    private void warmUp(int rounds) throws InterruptedException {
        Snapshot first = null;
        for (int i = 0; i < rounds && !Thread.currentThread().isInterrupted(); i++) {
            SnapshotPair pair = sampler.next(Duration.ZERO, fraction -> { });
            first = first == null ? pair.before() : first;
            // Against the first snapshot: an interval that grows over the warm-up, so counters move and the
            // analysis takes the paths a real sample takes (over a millisecond most rates are "no events").
            analyzer.analyze(new SnapshotPair(first, pair.after(), pair.taskSamples()));
        }
    }

    @Override
    public void close() {
        sampler.close();
    }
}
