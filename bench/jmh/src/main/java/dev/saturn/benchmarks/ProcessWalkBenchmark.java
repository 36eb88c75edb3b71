package dev.saturn.benchmarks;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.ProcessTableReader;
import dev.saturn.collectors.snapshot.SnapshotWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The process walk with {@code sleepers} live sleeping processes started in setup (children of one shell, killed in
 * tear-down), and on the snapshot tree of the same host that setup writes ({@code saturn snapshot}: every process's
 * files, the sleepers' too).
 *
 * <ul>
 *   <li>{@link #liveWalk}: what the agent pays per sample: a kept reader (stat kept open, the slower files only for
 *   processes that ran, the rest refreshed over 10 s), 150 ms apart (untimed) as a kept reader walks at most every
 *   100 ms;</li>
 *   <li>{@link #liveWalkEveryFile}: every file of every process, as the first snapshot of `saturn use` reads them;</li>
 *   <li>{@link #treeWalk}: every file of every process of the tree, as `saturn use --snapshot` reads it.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar ProcessWalkBenchmark} (-p sleepers=0 for this host alone).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ProcessWalkBenchmark {
    @Param("2000")
    public int sleepers;

    private Process shell;
    private ProcessTableReader kept;
    private Path tree;
    private int processes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (sleepers > 0) {
            shell = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt " + sleepers + " ]; do sleep 100000 & i=$((i+1)); done; echo up; wait")
                    .redirectErrorStream(true).start();
            if (shell.inputReader().readLine() == null) {
                throw new IllegalStateException("the sleepers did not start");
            }
        }
        kept = new ProcessTableReader(HostPaths.liveHost(), Duration.ofSeconds(10));
        processes = require(kept.read()).processes().size();
        tree = Files.createTempDirectory("process-walk");
        new SnapshotWriter(HostPaths.liveHost()).write(tree);
        require(ProcessTableReader.read(HostPaths.snapshotTree(tree)));
        System.out.printf("%n%d live processes; tree of %d processes at %s%n", processes,
                require(ProcessTableReader.read(HostPaths.snapshotTree(tree))).processes().size(), tree);
    }

    private static ProcessTable require(Reading<ProcessTable> table) {
        if (!table.isAvailable()) {
            throw new IllegalStateException("no process table: " + table.reason());
        }
        return table.value();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        kept.close();
        if (shell != null) {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
        }
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Not timed: a kept reader walks at most every 100 ms (closer reads get its last table), and the agent every second. */
    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
        Thread.sleep(150);
    }

    @Benchmark
    public Reading<ProcessTable> liveWalk() {
        return kept.read();
    }

    @Benchmark
    public Reading<ProcessTable> liveWalkEveryFile() {
        return ProcessTableReader.read(HostPaths.liveHost());
    }

    @Benchmark
    public Reading<ProcessTable> treeWalk() {
        return ProcessTableReader.read(HostPaths.snapshotTree(tree));
    }
}
