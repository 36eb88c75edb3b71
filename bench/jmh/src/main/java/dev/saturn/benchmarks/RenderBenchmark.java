package dev.saturn.benchmarks;

import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.html.HtmlRenderer;
import dev.saturn.flamegraph.json.D3JsonWriter;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Folded text in memory to SVG (or JSON) bytes, warm: the renderer's own speed, without JVM startup
 * or file reads (docs/flamegraph.md has the whole-command comparison with flamegraph.pl).
 *
 * <p>The input is the one the whole-command comparison uses: the 78 files of
 * $SATURN_SHARED/testdata/flamegraph/stackcollapse-perf/expected/ concatenated ten times, the root
 * frame of each copy renamed so that stacks stay distinct (about 23.6 MB, 27,980 lines, 81,831
 * frames); without the shared folder, synthetic stacks of about the same size. {@code svg} draws the
 * default graph (frames under 0.1 px pruned: 3,701 here); {@code svgEveryFrame} draws all of them.
 * Divide the bytes printed at setup by the time per operation for MB/s.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RenderBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class RenderBenchmark {
    private static final SvgOptions DEFAULTS = SvgOptions.defaults();
    private static final SvgOptions EVERY_FRAME = SvgOptions.builder().minWidth(0, false).build();

    private byte[] input;
    private FrameTree tree;

    @Setup
    public void setUp() throws IOException {
        input = input();
        tree = build();
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        SvgRenderer.Result drawn = SvgRenderer.render(tree, EVERY_FRAME, svg);
        System.out.printf(Locale.ROOT, "%nrender input: %d bytes, %d frames; every frame drawn: %d bytes of SVG%n", input.length,
                drawn.frames(), svg.size());
    }

    private FrameTree build() throws IOException {
        FrameTreeBuilder builder = new FrameTreeBuilder(TreeOptions.defaults());
        FoldedParser.read(new ByteArrayInputStream(input), builder);
        return builder.build();
    }

    /** Folded bytes to the frame tree: reading, merging, inclusive counts. */
    @Benchmark
    public FrameTree tree() throws IOException {
        return build();
    }

    /** Folded bytes to SVG bytes with the default options, as `saturn flamegraph` does. */
    @Benchmark
    public byte[] svg() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        SvgRenderer.render(build(), DEFAULTS, out);
        return out.toByteArray();
    }

    /** An already built tree to an SVG of every frame (--minwidth 0): the cost per drawn frame. */
    @Benchmark
    public byte[] svgEveryFrame() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
        SvgRenderer.render(tree, EVERY_FRAME, out);
        return out.toByteArray();
    }

    /** Folded bytes to the HTML page, as `saturn flamegraph --format html` does (every frame kept). */
    @Benchmark
    public byte[] html() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
        HtmlRenderer.render(build(), EVERY_FRAME, out);
        return out.toByteArray();
    }

    /** An already built tree to d3-flame-graph JSON. */
    @Benchmark
    public byte[] json() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 << 20);
        D3JsonWriter.write(tree, out);
        return out.toByteArray();
    }

    private static byte[] input() throws IOException {
        String shared = System.getenv("SATURN_SHARED");
        Path dir = Path.of(shared == null || shared.isEmpty() ? "../shared" : shared)
                .resolve("testdata/flamegraph/stackcollapse-perf/expected");
        if (!Files.isDirectory(dir)) {
            System.out.println("\nrender input: no " + dir.toAbsolutePath() + " (set SATURN_SHARED); synthetic stacks");
            return synthetic();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(dir)) {
            d.forEach(files::add);
        }
        files.sort(null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(24 << 20);
        for (int copy = 0; copy < 10; copy++) {
            for (Path f : files) {
                for (String line : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).split("\n")) {
                    int end = 0;
                    while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != ' ') {
                        end++;
                    }
                    String renamed = line.substring(0, end) + "-copy" + copy + line.substring(end);
                    out.write((renamed + "\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }
        return out.toByteArray();
    }

    /** 30,000 sorted stacks of 20 to 120 frames over 2,000 names, like a large Java profile. */
    private static byte[] synthetic() {
        Random r = new Random(1);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 30_000; s++) {
            StringBuilder b = new StringBuilder("java");
            int depth = 20 + r.nextInt(100);
            for (int f = 0; f < depth; f++) {
                b.append(";org/app/Module").append((f * 31 + r.nextInt(4)) % 2000).append(".method");
            }
            lines.add(b.append(' ').append(1 + r.nextInt(100)).toString());
        }
        lines.sort(null);
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
