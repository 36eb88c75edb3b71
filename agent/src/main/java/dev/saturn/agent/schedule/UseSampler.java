package dev.saturn.agent.schedule;

import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import java.time.Duration;

/**
 * One USE report per interval from the live host. Intervals are timed on the monotonic clock and
 * share their boundary snapshots, so they neither drift nor overlap. No process table: reading every
 * /proc/PID costs more than the rest of a sample together. The run queue is read every 250 ms, not
 * `saturn use`'s 50 ms: each wake-up costs about 0.1 ms of CPU, and twenty a second were most of the
 * agent's overhead (docs/performance.md).
 */
public final class UseSampler implements AutoCloseable {
    private final LiveSampler sampler;
    private final UseAnalyzer analyzer;
    private final Duration interval;
    static final Duration RUNQ_PERIOD = Duration.ofMillis(250);

    public UseSampler(HostPaths paths, Thresholds thresholds, Duration interval) {
        this.sampler = new LiveSampler(paths, false, true, RUNQ_PERIOD);
        this.analyzer = new UseAnalyzer(thresholds);
        this.interval = interval;
    }

    public Duration interval() {
        return interval;
    }

    public UseReport next() throws InterruptedException {
        return analyzer.analyze(sampler.next(interval, fraction -> { }));
    }

    @Override
    public void close() {
        sampler.close();
    }
}
