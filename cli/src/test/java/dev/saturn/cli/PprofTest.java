package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pprof out and in, checked by Go's own tools: what saturn writes, {@code go tool pprof} reads with the same
 * totals, the same flat and cum per function and the same stacks; what Go's runtime/pprof records (a program
 * built here), saturn collapses to the values {@code go tool pprof -top} shows for it.
 */
class PprofTest {
    /** A real profile of our own (async-profiler collapsed output, see flamegraph/src/test/resources/folded). */
    private static final Path REAL_PROFILE = Path.of("../flamegraph/src/test/resources/folded/async-profiler-cpu-ann.collapsed");

    @TempDir
    Path dir;

    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream collapsed = new ByteArrayOutputStream();

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(collapsed, true));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    /** saturn collapse of {@code args}: its folded stacks. */
    private Map<String, Long> collapse(String... args) {
        collapsed.reset();
        String[] all = new String[args.length + 1];
        all[0] = "collapse";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.of(all);
        assertEquals(0, run.exit(), run.err());
        return FunctionValues.folded(collapsed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void goToolPprofReadsWhatFlamegraphWrites() throws Exception {
        Path pb = dir.resolve("real.pb.gz");
        CliRun run = CliRun.of("flamegraph", REAL_PROFILE.toString(), "-o", pb.toString());
        assertEquals(0, run.exit(), run.err());
        Map<String, Long> folded = FunctionValues.folded(Files.readString(REAL_PROFILE));
        GoPprof.assertSameFunctions(FunctionValues.of(folded), GoPprof.top(pb));
        assertEquals(folded, GoPprof.traces(pb));
        String types = GoPprof.run(dir, "tool", "pprof", "-raw", pb.toString());
        assertTrue(types.contains("samples/count"), types);
    }

    @Test
    void countNamesBecomeSampleTypesThatGoToolPprofScales() throws Exception {
        Path folded = Files.writeString(dir.resolve("off.folded"), "main;read;io_schedule 1500000\nmain;poll 500000\n");
        Path pb = dir.resolve("off.pprof");
        CliRun run = CliRun.of("flamegraph", "--countname", "us", folded.toString(), "-o", pb.toString());
        assertEquals(0, run.exit(), run.err());
        String top = GoPprof.run(dir, "tool", "pprof", "-top", pb.toString());
        // microseconds: 2 s in all, 1.5 s of it under io_schedule
        assertTrue(top.contains("Type: time") && top.contains("of 2000ms total") && top.contains("1500ms"), top);
        Path samples = dir.resolve("off.pb.gz");
        assertEquals(0, CliRun.of("flamegraph", "--format", "pprof", folded.toString(), "-o", samples.toString()).exit());
        top = GoPprof.run(dir, "tool", "pprof", "-top", samples.toString());
        assertTrue(top.contains("Type: samples") && top.contains("of 2000000 total"), top);
    }

    @Test
    void collapseReadsWhatGoRuntimePprofRecords() throws Exception {
        Path burn = GoPprof.build(dir, "/pprof/burn.go");
        Path cpu = dir.resolve("cpu.pprof");
        Path block = dir.resolve("block.pb.gz");
        Process p = new ProcessBuilder(burn.toString(), cpu.toString(), block.toString()).inheritIO().start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, "the Go program failed");

        // the first sample type (samples/count) by default, as -sample_index=samples shows it
        Map<String, Long> samples = collapse(cpu.toString());
        GoPprof.assertSameFunctions(FunctionValues.of(samples), GoPprof.top(cpu, "-sample_index=samples"));
        // scaled to what the program ran: hot burned twice as long as warm, and each is in some samples
        long hot = FunctionValues.of(samples).get("main.hot").cum();
        long warm = FunctionValues.of(samples).getOrDefault("main.warm", new FunctionValues.Values(0, 0)).cum();
        assertTrue(hot > 0 && hot >= warm, samples.toString());

        Map<String, Long> nanos = collapse("--sample-type", "cpu", cpu.toString());
        GoPprof.assertSameFunctions(FunctionValues.of(nanos), GoPprof.top(cpu, "-sample_index=cpu", "-unit=ns"));

        Map<String, Long> delay = collapse("--sample-type", "delay", block.toString());
        GoPprof.assertSameFunctions(FunctionValues.of(delay), GoPprof.top(block, "-sample_index=delay", "-unit=ns"));
        assertTrue(delay.keySet().stream().anyMatch(s -> s.endsWith("main.waitOnMutex;sync.(*Mutex).Lock")),
                "the inlined Lock is a frame of its own under its caller: " + delay);

        // and back out: flamegraph reads the Go profile and writes one that go tool pprof reads the same
        Path again = dir.resolve("again.pb.gz");
        CliRun run = CliRun.of("flamegraph", "--sample-type", "cpu", cpu.toString(), "-o", again.toString());
        assertEquals(0, run.exit(), run.err());
        GoPprof.Top top = GoPprof.top(again, "-unit=ns");
        assertEquals(GoPprof.top(cpu, "-sample_index=cpu", "-unit=ns"), top);
        assertTrue(GoPprof.run(dir, "tool", "pprof", "-top", again.toString()).contains("Type: cpu"));
        Path svg = dir.resolve("cpu.svg");
        assertEquals(0, CliRun.of("flamegraph", cpu.toString(), "-o", svg.toString()).exit());
        assertTrue(Files.readString(svg).contains("main.hot"));
    }

    @Test
    void aCutOrForeignProfileIsOneLine() throws Exception {
        Path pb = dir.resolve("real.pb.gz");
        assertEquals(0, CliRun.of("flamegraph", REAL_PROFILE.toString(), "-o", pb.toString()).exit());
        byte[] bytes = Files.readAllBytes(pb);
        Path cut = Files.write(dir.resolve("cut.pb.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        CliRun run = CliRun.failing("collapse", cut.toString());
        assertEquals("saturn: cannot read " + cut + ": the gzip'd profile is cut short (" + bytes.length / 2 + " bytes)",
                run.err().strip());
        CliRun.failing("flamegraph", cut.toString(), "-o", dir.resolve("cut.svg").toString());

        Path text = Files.writeString(dir.resolve("text.pb.gz"), "this is not a profile\n");
        assertTrue(CliRun.failing("collapse", text.toString()).err().contains("cannot tell the format"));
        run = CliRun.failing("collapse", "--format", "pprof", text.toString());
        assertTrue(run.err().startsWith("saturn: cannot read " + text + ": not a pprof profile: "), run.err());

        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("main;work 3\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        }
        Path gzText = Files.write(dir.resolve("folded.gz"), gz.toByteArray());
        assertTrue(CliRun.failing("collapse", gzText.toString()).err().contains("cannot tell the format"));

        run = CliRun.failing("collapse", "--sample-type", "inuse_space", pb.toString());
        assertEquals("saturn: cannot read " + pb + ": no sample type 'inuse_space' in the profile; it has samples (count)",
                run.err().strip());
    }

    @Test
    void aDifferentialProfileIsNotWrittenAsPprof() throws Exception {
        Path diff = Files.writeString(dir.resolve("d.folded"), "main;a 1 3\nmain;b 2 2\n");
        CliRun run = CliRun.failing("flamegraph", diff.toString(), "-o", dir.resolve("d.pb.gz").toString());
        assertTrue(run.err().contains("differential"), run.err());
        assertTrue(!Files.exists(dir.resolve("d.pb.gz")));
    }
}
