package dev.saturn.benchmarks;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.perf.PerfScriptParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * perf script to folded stacks in memory, warm: the parser's own speed, without JVM startup or
 * file reads (bench/flamegraph-bench.sh times the whole command against stackcollapse-perf.pl).
 *
 * <p>The input is the shared bench file ($SATURN_SHARED/testdata/flamegraph/bench/example-perf-stacks.txt,
 * 3.1 MB, 1315 samples of a 4-CPU host), repeated to 128 MB, so that the parser's workers start
 * (after 64 MB); without the shared folder, a synthetic perf script of the same shape. Divide the
 * bytes printed at setup by the time per operation for MB/s.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CollapseBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class CollapseBenchmark {
    /** Worker threads of the parser past its first 64 MB: 1 reads everything on the calling thread. */
    @Param({"1", "2"})
    public int threads;

    private byte[] input;

    @Setup
    public void setUp() throws IOException {
        byte[] sample = sample();
        ByteArrayOutputStream repeated = new ByteArrayOutputStream();
        while (repeated.size() < 128 << 20) {
            repeated.write(sample);
        }
        input = repeated.toByteArray();
        FoldedStacks check = new FoldedStacks();
        ParseStats stats = parser().parse(new ByteArrayInputStream(input), check);
        if (stats.stacks() == 0 || stats.invalidLines() != 0) {
            throw new IllegalStateException("the benchmark input does not parse cleanly: " + stats);
        }
        System.out.printf(Locale.ROOT, "%ncollapse input: %d bytes, %d samples, %d distinct stacks%n", input.length, stats.stacks(),
                check.size());
    }

    private PerfScriptParser parser() {
        return new PerfScriptParser(PerfCollapseOptions.defaults(), message -> { }, threads);
    }

    /** Parse and aggregate, as `saturn collapse` does before writing. */
    @Benchmark
    public FoldedStacks parse() throws IOException {
        FoldedStacks stacks = new FoldedStacks();
        parser().parse(new ByteArrayInputStream(input), stacks);
        return stacks;
    }

    /** Parse, aggregate and write the sorted folded lines. */
    @Benchmark
    public FoldedStacks parseAndWrite() throws IOException {
        FoldedStacks stacks = parse();
        stacks.writeTo(OutputStream.nullOutputStream());
        return stacks;
    }

    private static byte[] sample() throws IOException {
        String shared = System.getenv("SATURN_SHARED");
        Path file = Path.of(shared == null || shared.isEmpty() ? "../shared" : shared)
                .resolve("testdata/flamegraph/bench/example-perf-stacks.txt");
        if (Files.isRegularFile(file)) {
            return Files.readAllBytes(file);
        }
        System.out.println("\ncollapse input: no " + file.toAbsolutePath() + " (set SATURN_SHARED); a synthetic perf script");
        return synthetic();
    }

    /** 1000 samples of 4 processes, 20 to 40 frames each, addresses per call site, as perf prints them. */
    private static byte[] synthetic() {
        StringBuilder b = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        String[] comms = {"java", "postgres", "nginx", "swapper"};
        for (int s = 0; s < 1000; s++) {
            String comm = comms[random.nextInt(comms.length)];
            b.append(comm).append(' ').append(1000 + random.nextInt(8)).append(" [00").append(random.nextInt(4))
                    .append("] 7628263.042515:    1001001 cpu-clock: \n");
            int depth = 20 + random.nextInt(20);
            for (int f = 0; f < depth; f++) {
                int fn = (f * 7 + random.nextInt(3)) % 64;
                boolean kernel = f < 6;
                b.append(String.format(Locale.ROOT, "\t%16x %s_%d+0x%x (%s)%n", (kernel ? 0xffffffff81000000L : 0x7f0000000000L) + fn * 64L,
                        kernel ? "kernel_fn" : "user_fn", fn, fn * 3, kernel ? "[kernel.kallsyms]" : "/usr/lib/libapp.so"));
            }
            b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
