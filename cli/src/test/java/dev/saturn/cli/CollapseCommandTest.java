package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** saturn collapse as a user runs it: folded bytes on stdout, messages on stderr, exit codes. */
class CollapseCommandTest {
    private static final String NS_NOTE = "saturn: note: counts are cpu-clock periods summed, in ns; "
            + "draw them with saturn flamegraph --countname ns\n";
    private static final String SAMPLE = "ab 1/2 [000] 1.0: 3 cpu-clock:\n"
            + "\tffffffff8103ce3b native_safe_halt+0x1b ([kernel.kallsyms])\n"
            + "\t400 main (/usr/bin/ab)\n\n";

    @TempDir
    Path dir;

    private final PrintStream stdout = System.out;
    private final InputStream stdin = System.in;
    private final ByteArrayOutputStream folded = new ByteArrayOutputStream();

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(folded, true));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setIn(stdin);
    }

    private Path file(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String folded() {
        return folded.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void collapsesAFileToFoldedStacksOnStdout() throws IOException {
        CliRun run = CliRun.of("collapse", file("perf.txt", SAMPLE).toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("ab;main;native_safe_halt 3\n", folded());
        assertEquals(NS_NOTE, run.err(), "perf script's periods were summed: the unit is said");
    }

    @Test
    void saysNothingOfUnitsWhenEachSampleCountsOne() throws IOException {
        CliRun run = CliRun.of("collapse", file("perf.txt", SAMPLE.replace(" 3 cpu-clock:", " cpu-clock:")).toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("ab;main;native_safe_halt 1\n", folded());
        assertEquals("", run.err());
    }

    @Test
    void readsStandardInputWithoutFileOrWithDash() {
        System.setIn(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(0, CliRun.of("collapse").exit());
        System.setIn(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(0, CliRun.of("collapse", "--format", "perf", "-").exit());
        assertEquals("ab;main;native_safe_halt 3\nab;main;native_safe_halt 3\n", folded());
    }

    @Test
    void passesThePerfOptionsOn() throws IOException {
        String perf = file("perf.txt", SAMPLE).toString();
        CliRun.of("collapse", "--tid", "--all", perf);
        CliRun.of("collapse", "--pid", "--kernel", perf);
        assertEquals("ab-1/2;main;native_safe_halt_[k] 3\nab-1;main;native_safe_halt_[k] 3\n", folded());
    }

    @Test
    void addsUpSeveralFiles() throws IOException {
        CliRun run = CliRun.of("collapse", file("a.txt", SAMPLE).toString(), file("b.txt", SAMPLE).toString());
        assertEquals(0, run.exit());
        assertEquals("ab;main;native_safe_halt 6\n", folded());
    }

    @Test
    void keepsBytesOutsideAscii() throws IOException {
        String utf8Name = new String("caf\u00e9_\u65e5\u672c".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        CliRun.of("collapse", file("perf.txt", "ab 1 1.0: cpu-clock:\n\t400 " + utf8Name + " (/x)\n\n").toString());
        assertArrayEquals(("ab;caf\u00e9_\u65e5\u672c 1\n").getBytes(StandardCharsets.UTF_8), folded.toByteArray());
    }

    @Test
    void missingFileIsAOneLineErrorWithExitTwoAndNoOutput() throws IOException {
        CliRun run = CliRun.of("collapse", file("perf.txt", SAMPLE).toString(), dir.resolve("absent.txt").toString());
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
        assertEquals("saturn: cannot read " + dir.resolve("absent.txt") + ": no such file\n", run.err());
        assertEquals("", folded());
    }

    @Test
    void directoryIsAOneLineError() {
        CliRun run = CliRun.of("collapse", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
    }

    @Test
    void reportsInvalidLinesOnceOnStderr() throws IOException {
        CliRun run = CliRun.of("collapse", file("perf.txt", SAMPLE + "garbage\n\tmore garbage\n" + SAMPLE).toString());
        assertEquals(0, run.exit());
        assertEquals(NS_NOTE + "saturn: Ignored 2 lines with invalid format, first at line 5\n", run.err());
        assertEquals("ab;main;native_safe_halt 6\n", folded());
    }

    @Test
    void warnsWhichEventItKept() throws IOException {
        String other = SAMPLE.replace("cpu-clock:", "task-clock:");
        CliRun run = CliRun.of("collapse", file("perf.txt", SAMPLE + other).toString());
        assertEquals("saturn: warning: the input holds several event types: kept only cpu-clock (the first), "
                + "left out task-clock; choose one with --event-filter\n" + NS_NOTE, run.err());
        CliRun chosen = CliRun.of("collapse", "--event-filter", "task-clock", file("perf2.txt", SAMPLE + other).toString());
        assertEquals(NS_NOTE.replace("cpu-clock", "task-clock"), chosen.err());
        assertEquals("ab;main;native_safe_halt 3\nab;main;native_safe_halt 3\n", folded());
    }

    @Test
    void helpShowsOptionsAndExamples() {
        CliRun run = CliRun.of("collapse", "--help");
        assertEquals(0, run.exit());
        for (String s : new String[] {"--pid", "--tid", "--kernel", "--jit", "--all", "--addrs", "--event-filter", "--format",
                "Examples:", "perf script | saturn collapse"}) {
            assertTrue(run.out().contains(s), s + " in:\n" + run.out());
        }
    }

    @Test
    void isListedInTheTopLevelHelp() {
        assertTrue(CliRun.of("--help").out().contains("collapse"));
    }

    @Test
    void everyFormatIsDetectedAndCollapsed() throws Exception {
        Path resources = Path.of("../flamegraph/src/test/resources");
        String jstack = new String(FlameRun.of("collapse", resources.resolve("jstack/three-dumps.txt").toString()).out(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(jstack.lines().anyMatch(l -> l.matches(".+;.+ \\d+")), jstack);
        FlameRun cpu = FlameRun.of("collapse", resources.resolve("jfr/stacks-2s.jfr").toString());
        assertEquals(0, cpu.exit(), cpu.err());
        String cpuText = new String(cpu.out(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(192, cpuText.lines().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum(),
                "the recording's 192 CPU samples");
        FlameRun alloc = FlameRun.of("collapse", "--event", "alloc", resources.resolve("jfr/stacks-2s.jfr").toString());
        long bytes = new String(alloc.out(), java.nio.charset.StandardCharsets.ISO_8859_1).lines()
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertTrue(bytes > 1_000_000_000L, "alloc weights are bytes: " + bytes);
        Path folded = resources.resolve("folded/async-profiler-cpu-ann.collapsed");
        FlameRun merged = FlameRun.of("collapse", folded.toString(), folded.toString());
        assertEquals(0, merged.exit(), merged.err());
        FlameRun garbage = FlameRun.withStdin(new byte[] {1, 2, 3, (byte) 0xff, 0, 9}, "collapse");
        assertEquals(2, garbage.exit());
        assertTrue(garbage.err().startsWith("saturn: cannot tell the format of"), garbage.err());
    }

    @Test
    void nothingCollapsedIsAOneLineErrorNotAnEmptySuccess() throws Exception {
        Path perf = file("perf.txt", SAMPLE);
        CliRun wrongFormat = CliRun.of("collapse", "--format", "jstack", perf.toString());
        assertEquals(2, wrongFormat.exit(), wrongFormat.err());
        assertEquals("saturn: no stack in " + perf + ": 3 lines did not parse as jstack; is --format jstack right? "
                + "(auto tells it from the first bytes)\n", wrongFormat.err());
        CliRun noSuchEvent = CliRun.of("collapse", "--event-filter", "cycles", perf.toString());
        assertEquals(2, noSuchEvent.exit(), noSuchEvent.err());
        assertEquals("saturn: no stack in " + perf + ": no sample of event cycles; the input holds cpu-clock\n", noSuchEvent.err());
        assertEquals("", folded());
    }

    @Test
    void aRecordingWithoutTheEventSaysWhichEventsItLacks() throws Exception {
        // a JVM that only prints its version: a valid recording without a single execution sample or lock event
        // (method sampling off: a start slowed by a busy machine would otherwise be sampled)
        Path jfr = dir.resolve("short.jfr");
        Process java = new ProcessBuilder(ChildProcess.java(), "-XX:StartFlightRecording=filename=" + jfr + ",method-profiling=off", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, java.waitFor());
        CliRun lock = CliRun.of("collapse", "--event", "lock", jfr.toString());
        assertEquals(2, lock.exit(), lock.err());
        assertEquals("saturn: no stack in " + jfr + ": the recording holds no jdk.JavaMonitorEnter or jdk.ThreadPark event "
                + "(--event lock); try another --event, or record with settings=profile\n", lock.err());
        FlameRun graph = FlameRun.viaMain(new byte[0], "flamegraph", jfr.toString());
        assertEquals(2, graph.exit(), graph.err());
        assertEquals("saturn: no stack in " + jfr + ": the recording holds no jdk.ExecutionSample event (--event cpu); "
                + "try another --event, or record with settings=profile\n", graph.err());
        FlameRun lockGraph = FlameRun.viaMain(new byte[0], "flamegraph", "--event", "lock", jfr.toString());
        assertEquals(2, lockGraph.exit(), lockGraph.err());
        assertTrue(lockGraph.oneLineError() && lockGraph.err().contains("no jdk.JavaMonitorEnter or jdk.ThreadPark event"), lockGraph.err());
    }

    @Test
    void flamegraphDrawsTheJfrEventItIsAskedFor() {
        Path jfr = Path.of("../flamegraph/src/test/resources/jfr/stacks-2s.jfr");
        FlameRun alloc = FlameRun.viaMain(new byte[0], "flamegraph", "--event", "alloc", jfr.toString());
        assertEquals(0, alloc.exit(), alloc.err());
        // the root's tooltip counts bytes, more than a gigabyte of them, not the 192 CPU samples
        java.util.regex.Matcher root = java.util.regex.Pattern.compile("<title>all \\(([0-9,]+) bytes, 100%\\)</title>").matcher(alloc.text());
        assertTrue(root.find(), alloc.text().substring(0, 2000));
        assertTrue(Long.parseLong(root.group(1).replace(",", "")) > 1_000_000_000L, root.group(1));
    }
}
