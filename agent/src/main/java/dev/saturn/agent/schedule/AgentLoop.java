package dev.saturn.agent.schedule;

import dev.saturn.agent.history.HistoryRecorder;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.UseReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The sampling thread: a report per interval, stamped with the wall clock, published to
 * {@link LatestReport} and recorded in the history. Intervals come from the monotonic clock, so a
 * wall clock that jumps (NTP step, a VM resumed) changes the timestamps, never the sampling.
 */
public final class AgentLoop implements Runnable {
    /** A wall clock that moves this much more or less than the monotonic clock has jumped. */
    static final long JUMP_MILLIS = 2000;
    private final UseSampler sampler;
    private final Clock wall;
    private final LatestReport latest;
    private final HistoryRecorder history;
    private final AgentLog log;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Consumer<UseReport> afterSample;
    private volatile boolean stopped;
    private long lastWall = Long.MIN_VALUE;
    private long lastMono;

    public AgentLoop(UseSampler sampler, Clock wall, LatestReport latest, HistoryRecorder history, AgentLog log,
                     Consumer<UseReport> afterSample) {
        this.sampler = sampler;
        this.wall = wall;
        this.latest = latest;
        this.history = history;
        this.log = log;
        this.afterSample = afterSample;
    }

    @Override
    public void run() {
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long cpuBefore = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        while (!stopped) {
            UseReport report;
            try {
                report = sampler.next();
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.event("sample failed: " + e + "; trying again next interval");
                sleepQuietly(sampler.interval().toMillis());
                continue;
            }
            long sampled = System.nanoTime();
            report = stamped(report);
            if (history != null) {
                history.record(report);
            }
            long cpuAfter = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            latest.publish(report, sampler.lastSnapshot(), (cpuAfter - cpuBefore) / 1e9, (System.nanoTime() - sampled) / 1e9);
            cpuBefore = cpuAfter;
            afterSample.accept(report);
        }
    }

    public void stop() {
        stopped = true;
    }

    private UseReport stamped(UseReport r) {
        long now = wall.millis();
        long mono = System.nanoTime() / 1_000_000L;
        if (lastWall != Long.MIN_VALUE) {
            long skew = (now - lastWall) - (mono - lastMono);
            if (Math.abs(skew) >= JUMP_MILLIS) {
                log.event(String.format(Locale.ROOT, "wall clock jumped %+.1f s; sampling keeps its pace, timestamps follow the new clock",
                        skew / 1000.0));
            }
        }
        lastWall = now;
        lastMono = mono;
        return new UseReport(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(),
                Instant.ofEpochMilli(now), r.resources(), r.findings(), r.topProcesses(), r.topProcessesReason(), r.analyzers(),
                r.processRankings());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
