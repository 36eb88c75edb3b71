package dev.saturn.benchmarks;

import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.perf.PmuCounts;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one live snapshot of this host (every /proc and /sys reader, statvfs of each real
 * filesystem), with and without the process table, and of the USE analysis of a pair.
 *
 * <p>The readers are kept in the state because {@link SnapshotReader} caches the host description
 * (hostname, kernel, CPU model) after its first read, as a long `saturn use --count N` run does;
 * every other file is opened and parsed again on each call. The analysis works on two snapshots read
 * once in setup, 100 ms apart, so that it measures the arithmetic and not the reads.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SnapshotBenchmark} (bench/use-bench.sh
 * runs it beside mpstat and iostat). No PMU: perf_event_open is not part of the snapshot cost here
 * (a VM has no PMU, and the counters are read, not opened, per snapshot).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class SnapshotBenchmark {
    private static final Reading<PmuCounts> NO_PMU = Reading.unavailable("no pmu");

    private SnapshotReader withoutProcesses;
    private SnapshotReader withProcesses;
    private UseAnalyzer analyzer;
    private SnapshotPair pair;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        withoutProcesses = new SnapshotReader(HostPaths.liveHost(), false);
        withProcesses = new SnapshotReader(HostPaths.liveHost(), true);
        analyzer = new UseAnalyzer(Thresholds.defaults());
        Snapshot a = withProcesses.live(NO_PMU);
        Thread.sleep(100);
        Snapshot b = withProcesses.live(NO_PMU);
        pair = new SnapshotPair(a, b, List.of());
        // Fail here rather than benchmark a reader that silently reads nothing.
        requireAvailable(a);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        withoutProcesses.close();
        withProcesses.close();
    }

    private static void requireAvailable(Snapshot s) {
        if (!s.cpu().isAvailable() || !s.meminfo().isAvailable() || !s.diskstats().isAvailable()
                || !s.processes().isAvailable()) {
            throw new IllegalStateException("the live snapshot is missing core readings: cpu " + s.cpu().reason()
                    + ", meminfo " + s.meminfo().reason() + ", diskstats " + s.diskstats().reason()
                    + ", processes " + s.processes().reason());
        }
    }

    /** Every /proc and /sys reader except the process table: what the checklist needs per snapshot. */
    @Benchmark
    public Snapshot snapshot() {
        return withoutProcesses.live(NO_PMU);
    }

    /** The same plus /proc/[pid]/stat of every process, as `saturn use` reads it. */
    @Benchmark
    public Snapshot snapshotWithProcesses() {
        return withProcesses.live(NO_PMU);
    }

    /** The USE analysis of one pre-read pair (no file reads). */
    @Benchmark
    public UseReport analyzePair() {
        return analyzer.analyze(pair);
    }
}
