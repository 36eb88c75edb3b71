package dev.saturn.agent.schedule;

import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.Snapshot;
import java.util.Optional;

/**
 * The newest USE report, for every reader (a scrape, /api/v1/use, the dashboard) to serialize:
 * reading never triggers a sample. Also what the sampler has done so far, for the agent's own metrics.
 */
public final class LatestReport {
    private volatile UseReport report;
    private volatile Snapshot snapshot;
    private volatile long samples;
    private volatile double sampleCpuSeconds;
    private volatile double lastSampleSeconds;

    public Optional<UseReport> get() {
        return Optional.ofNullable(report);
    }

    /**
     * Publishes a report and the snapshot at its interval's end (the kernel's cumulative counters that /metrics
     * exports); {@code cpuSeconds} is the CPU the sampling thread used for it, {@code wallSeconds} how long the
     * sampling took beyond the wait.
     */
    public synchronized void publish(UseReport next, Snapshot after, double cpuSeconds, double wallSeconds) {
        snapshot = after;
        report = next;
        samples++;
        sampleCpuSeconds += cpuSeconds;
        lastSampleSeconds = wallSeconds;
        notifyAll();
    }

    /** The snapshot the latest report ends with; null before the first. Read after {@link #get()}, it is that report's or a newer one's. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public long samples() {
        return samples;
    }

    public double sampleCpuSeconds() {
        return sampleCpuSeconds;
    }

    public double lastSampleSeconds() {
        return lastSampleSeconds;
    }

    /** Waits up to {@code millis} for a report newer than the {@code seen}-th one; returns the count then. */
    public synchronized long awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left;
        while (samples <= seen && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000L));
        }
        return samples;
    }
}
