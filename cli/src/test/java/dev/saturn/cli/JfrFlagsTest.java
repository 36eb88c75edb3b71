package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `collapse` and `flamegraph` on a real recording of {@link JfrTwoThreads}: a child JVM under
 * -XX:StartFlightRecording with settings=profile and -XX:+DebugNonSafepoints, two named threads burning CPU in known methods.
 * Expected counts come from the recording's own jdk.ExecutionSample events, read with jdk.jfr.consumer.
 */
class JfrFlagsTest {
    private static final String TARGET = JfrTwoThreads.class.getName();

    @TempDir
    static Path dir;

    static Path recording;
    static String childLog;
    /** The recording's execution samples with a stack: start time and thread name. */
    static List<Sample> samples;

    record Sample(Instant at, String thread) {
    }

    @BeforeAll
    static void record() throws Exception {
        recording = dir.resolve("two.jfr");
        String classes = Path.of(JfrTwoThreads.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path log = dir.resolve("child.log");
        // DebugNonSafepoints: samples inside inlined code say so, rather than the nearest safepoint's frame
        Process child = new ProcessBuilder(ChildProcess.java(), "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
                        "-XX:StartFlightRecording=filename=" + recording + ",settings=profile",
                        "-cp", classes, TARGET, "1500")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(180, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not exit");
        }
        childLog = Files.readString(log);
        assertEquals(0, child.exitValue(), childLog);
        assertTrue(childLog.contains("done"), childLog);
        samples = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                    samples.add(new Sample(e.getStartTime(), e.getThread("sampledThread").getJavaName()));
                }
            }
        }
        assertTrue(count(s -> s.thread().equals("saturn-alpha")) >= 20 && count(s -> s.thread().equals("saturn-beta")) >= 20,
                "1.5 s of CPU each at a 10 ms (profile) or 20 ms period: " + samples.size() + " samples");
    }

    @Test
    void threadFilterKeepsOnlyThatThreadsStacks() {
        Map<String, Long> alpha = folded(collapse("--threads", "--thread", "^saturn-alpha$", recording.toString()));
        assertTrue(alpha.keySet().stream().allMatch(s -> s.startsWith("saturn-alpha;")), alpha.keySet().toString());
        assertTrue(alpha.keySet().stream().noneMatch(s -> s.contains(".beta")), alpha.keySet().toString());
        assertEquals(count(s -> s.thread().equals("saturn-alpha")), total(alpha));
        assertTrue(weight(alpha, s -> s.endsWith(TARGET + ".alpha") || s.endsWith(TARGET + ".mix")) * 2 > total(alpha));

        Map<String, Long> everyThread = folded(collapse("--threads", recording.toString()));
        assertTrue(everyThread.keySet().stream().anyMatch(s -> s.startsWith("saturn-beta;")));
        assertEquals(samples.size(), total(everyThread));
    }

    @Test
    void fromAndToKeepTheSamplesInTheWindow() throws IOException {
        Instant start = chunkStart(recording);
        Instant last = samples.stream().map(Sample::at).max(Instant::compareTo).orElseThrow();
        long spanMillis = Duration.between(start, last).toMillis();
        long fromMillis = spanMillis / 3;
        long toMillis = 2 * spanMillis / 3;
        Instant from = start.plusMillis(fromMillis);
        Instant to = start.plusMillis(toMillis);
        long expected = count(s -> !s.at().isBefore(from) && s.at().isBefore(to));
        assertTrue(expected > 0 && expected < samples.size(), expected + " of " + samples.size());

        Map<String, Long> byOffset = folded(collapse("--from", fromMillis + "ms", "--to", toMillis + "ms", recording.toString()));
        assertEquals(expected, total(byOffset));
        Map<String, Long> byTime = folded(collapse("--from", from.toString(), "--to", to.toString(), recording.toString()));
        assertEquals(byOffset, byTime);
        Map<String, Long> fromOnly = folded(collapse("--from", from.toString(), recording.toString()));
        assertEquals(count(s -> !s.at().isBefore(from)), total(fromOnly));

        FlameRun graph = FlameRun.viaMain(new byte[0], "flamegraph", "--from", fromMillis + "ms", "--to", toMillis + "ms",
                "--thread", "alpha", recording.toString());
        assertEquals(0, graph.exit(), graph.err());
        long alphaInWindow = count(s -> s.thread().equals("saturn-alpha") && !s.at().isBefore(from) && s.at().isBefore(to));
        assertTrue(graph.text().contains("<title>all (" + String.format("%,d", alphaInWindow) + " sample"),
                alphaInWindow + " samples\n" + graph.text().lines().filter(l -> l.contains("<title>all")).findFirst().orElse(""));
    }

    @Test
    void linesGiveTheBurnersSourceLine() throws IOException {
        int[] loop = lines("alpha loop begins", "alpha loop ends");
        Map<String, Long> lines = folded(collapse("--lines", "--thread", "alpha", recording.toString()));
        Pattern leaf = Pattern.compile(Pattern.quote(TARGET) + "\\.(alpha|mix):(\\d+)$");
        Map<Integer, Long> byLine = new HashMap<>();
        lines.forEach((stack, n) -> {
            Matcher m = leaf.matcher(stack);
            if (m.find() && m.group(1).equals("alpha")) {
                byLine.merge(Integer.parseInt(m.group(2)), n, Long::sum);
            }
        });
        int hottest = byLine.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertTrue(hottest >= loop[0] && hottest <= loop[1], "hottest line " + hottest + " outside the loop, lines "
                + loop[0] + "-" + loop[1] + ": " + byLine);
        assertTrue(lines.keySet().stream().anyMatch(s -> s.contains(TARGET + ".lambda$main$0:")), lines.keySet().toString());
    }

    @Test
    void frameTypesMarkInterpretedCompiledAndInlinedFrames() {
        Map<String, Long> typed = folded(collapse("--frame-types", "--thread", "alpha", recording.toString()));
        long compiled = weight(typed, s -> s.startsWith("java.lang.Thread.run_[0];") && s.contains(TARGET + ".alpha_[j]"));
        assertTrue(compiled * 2 > total(typed), "Thread.run interpreted, the hot loop JIT-compiled: " + typed);
        assertTrue(typed.keySet().stream().anyMatch(s -> s.endsWith(TARGET + ".alpha_[j];" + TARGET + ".mix_[i]")),
                "mix inlined into alpha: " + typed.keySet());
        Map<String, Long> plain = folded(collapse("--thread", "alpha", recording.toString()));
        assertTrue(plain.keySet().stream().noneMatch(s -> s.contains("_[")), plain.keySet().toString());
        assertEquals(total(typed), total(plain));
    }

    @Test
    void frameTypesColourTheFlameGraphAsAsyncProfilerDoes() throws Exception {
        Path svg = dir.resolve("typed.svg");
        CliRun run = CliRun.of("flamegraph", "--frame-types", "--colors", "java", "--thread", "alpha", "--minwidth", "0",
                recording.toString(), "-o", svg.toString());
        assertEquals(0, run.exit(), run.err());
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        // async-profiler's colours: interpreted #b2e1b2 +20, JIT-compiled #50e150 +30, inlined #50cccc +30 a channel
        Map<String, int[]> colours = Map.of("interpreted", new int[] {0xb2e1b2, 20}, "JIT compiled", new int[] {0x50e150, 30},
                "inlined", new int[] {0x50cccc, 30});
        java.util.Set<String> typed = new java.util.TreeSet<>();
        Matcher g = Pattern.compile("data-name=\"([^\"]*)\" data-type=\"([^\"]*)\"><title>[^<]*</title><rect [^>]*fill=\"rgb\\((\\d+),(\\d+),(\\d+)\\)\"")
                .matcher(text);
        while (g.find()) {
            int[] c = colours.get(g.group(2));
            assertTrue(c != null, "a type of this recording: " + g.group());
            for (int k = 0; k < 3; k++) {
                int v = Integer.parseInt(g.group(3 + k));
                int base = c[0] >> (16 - 8 * k) & 0xff;
                assertTrue(v >= base && v <= base + c[1], g.group());
            }
            typed.add(g.group(1) + " (" + g.group(2) + ")");
        }
        assertTrue(typed.contains("java.lang.Thread.run (interpreted)"), typed.toString());
        assertTrue(typed.contains(TARGET + ".alpha (JIT compiled)"), typed.toString());
        assertTrue(typed.contains(TARGET + ".mix (inlined)"), typed.toString());
        assertFalse(text.contains("_[j]<") || text.contains("_[j] ("), "labels and titles without the suffix");
    }

    @Test
    void tidGivesARootPerThreadByNameAndIdAndPidIsRefused() {
        Matcher tid = Pattern.compile("tid saturn-alpha (\\d+)").matcher(childLog);
        assertTrue(tid.find(), childLog);
        Map<String, Long> roots = folded(collapse("--tid", "--thread", "saturn-", recording.toString()));
        Map<String, Long> byRoot = new HashMap<>();
        roots.forEach((s, n) -> byRoot.merge(s.substring(0, s.indexOf(';')), n, Long::sum));
        assertEquals(count(s -> s.thread().equals("saturn-alpha")), byRoot.get("saturn-alpha/" + tid.group(1)), byRoot.toString());
        assertEquals(2, byRoot.size(), byRoot.toString());

        CliRun pid = CliRun.failing("collapse", "--pid", recording.toString());
        assertTrue(pid.err().contains("--pid: a JFR recording is one process"), pid.err());
        CliRun pidAsJfr = CliRun.failing("collapse", "--pid", "--format", "jfr", recording.toString());
        assertTrue(pidAsJfr.err().contains("--pid: a JFR recording is one process"), pidAsJfr.err());
    }

    @Test
    void badWindowsAndMisplacedFlagsAreOneLineErrors() throws IOException {
        String rec = recording.toString();
        assertEquals("saturn: --to 1s is not after --from 2s: give a window that ends after it starts\n",
                CliRun.failing("collapse", "--from", "2s", "--to", "1s", rec).err());
        assertTrue(CliRun.failing("collapse", "--from", "yesterday-ish", rec).err()
                .startsWith("saturn: --from: cannot read 'yesterday-ish' as an offset from the recording's start"));
        assertTrue(CliRun.failing("collapse", "--from", "-10s", rec).err().startsWith("saturn: --from -10s: give an offset"));
        String after = CliRun.failing("collapse", "--from", "1h", rec).err();
        assertTrue(after.startsWith("saturn: " + rec + ": --from 1h (") && after.contains("is at or after the end of the recording, which runs from "
                + chunkStart(recording)), after);
        String before = CliRun.failing("collapse", "--to", "2001-01-01T00:00:00Z", rec).err();
        assertTrue(before.contains("--to 2001-01-01T00:00:00Z (2001-01-01T00:00:00Z) is at or before the start of the recording"), before);
        assertTrue(CliRun.failing("collapse", "--thread", "(", rec).err().startsWith("saturn: --thread ( is not a regular expression"));
        assertEquals("saturn: no stack in " + rec + " within --thread nobody: no jdk.ExecutionSample event (--event cpu) there\n",
                CliRun.failing("collapse", "--thread", "nobody", rec).err());

        FlameRun folded = FlameRun.viaMain("a;b 1\n".getBytes(StandardCharsets.UTF_8), "flamegraph", "--lines");
        assertEquals(2, folded.exit(), folded.err());
        assertEquals("saturn: --lines reads JFR recordings; standard input is folded input\n", folded.err());
        FlameRun picocli = FlameRun.withStdin("a;b 1\n".getBytes(StandardCharsets.UTF_8), "collapse", "--thread", "x");
        assertEquals(2, picocli.exit(), picocli.err());
        assertEquals("saturn: --thread reads JFR recordings; standard input is folded input\n", picocli.err());
    }

    private static String collapse(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "collapse";
        System.arraycopy(args, 0, full, 1, args.length);
        FlameRun run = FlameRun.viaMain(new byte[0], full);
        assertEquals(0, run.exit(), run.err());
        return run.text();
    }

    private static Map<String, Long> folded(String text) {
        Map<String, Long> m = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int sp = line.lastIndexOf(' ');
                m.merge(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)), Long::sum);
            }
        }
        return m;
    }

    private static long total(Map<String, Long> folded) {
        return weight(folded, s -> true);
    }

    private static long weight(Map<String, Long> folded, Predicate<String> stacks) {
        return folded.entrySet().stream().filter(e -> stacks.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static long count(Predicate<Sample> which) {
        return samples.stream().filter(which).count();
    }

    /** The first chunk's start, epoch nanoseconds at byte 32 of its header: where offsets count from. */
    private static Instant chunkStart(Path jfr) throws IOException {
        try (InputStream in = Files.newInputStream(jfr)) {
            DataInputStream header = new DataInputStream(in);
            header.skipNBytes(32);
            return Instant.ofEpochSecond(0, header.readLong());
        }
    }

    /** The source lines of JfrTwoThreads that hold the two markers. */
    private static int[] lines(String begin, String end) throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/saturn/cli/JfrTwoThreads.java"));
        int[] found = new int[2];
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).contains("// " + begin)) {
                found[0] = i + 1;
            }
            if (source.get(i).contains("// " + end)) {
                found[1] = i + 1;
            }
        }
        assertTrue(found[0] > 0 && found[1] > found[0], "markers in JfrTwoThreads.java");
        return found;
    }
}
