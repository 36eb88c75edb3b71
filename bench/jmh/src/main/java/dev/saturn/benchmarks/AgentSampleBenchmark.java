package dev.saturn.benchmarks;

import dev.saturn.agent.history.Layout;
import dev.saturn.agent.history.SampleCodec;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.perf.PmuCounts;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.report.prometheus.PageCache;
import dev.saturn.report.prometheus.PrometheusText;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What `saturn agent` does per sample after the analysis, on a report of this host: the /metrics text
 * (formatted once per sample), the history's shape check and blob. Run under the agent's JIT and GC
 * (C1 only, serial GC): the agent's code never reaches C2, so neither does this.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AgentSampleBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m", "-Xmx64m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class AgentSampleBenchmark {
    private UseReport report;
    private UseReport next;
    private Layout layout;
    private String lastKey;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        Reading<PmuCounts> noPmu = Reading.unavailable("no pmu");
        UseAnalyzer analyzer = new UseAnalyzer(Thresholds.defaults());
        Snapshot a;
        Snapshot b;
        Snapshot c;
        try (SnapshotReader reader = new SnapshotReader(HostPaths.liveHost(), true)) {
            a = reader.live(noPmu);
            Thread.sleep(100);
            b = reader.live(noPmu);
            Thread.sleep(100);
            c = reader.live(noPmu);
        }
        report = analyzer.analyze(new SnapshotPair(a, b, List.of()));
        next = analyzer.analyze(new SnapshotPair(b, c, List.of()));
        layout = Layout.of(report);
        lastKey = Layout.key(report);
    }

    /** What the agent's pages keep from one sample to the next. */
    private final PageCache pages = new PageCache();

    /** The report's /metrics text as bytes, as the first scrape after a sample makes it. */
    @Benchmark
    public byte[] metricsText() {
        return new PrometheusText(pages).report(report).bytes();
    }

    /** Whether the next sample has the last one's layout (nearly always: it has). */
    @Benchmark
    public boolean sameLayout() {
        return Layout.sameKey(next, report);
    }

    /** The same by building the next sample's key and comparing it with the last one's, as the writer did before sameKey. */
    @Benchmark
    public boolean sameLayoutByKey() {
        return Layout.key(next).equals(lastKey);
    }

    /** The sample's history blob against its layout. */
    @Benchmark
    public byte[] historyBlob() {
        return SampleCodec.encode(next, layout, reason -> 1);
    }
}
