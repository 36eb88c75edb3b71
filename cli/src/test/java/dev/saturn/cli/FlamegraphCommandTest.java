package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FlamegraphCommandTest {
    /** A real profile of our own (async-profiler collapsed output, see flamegraph/src/test/resources/folded). */
    private static final Path REAL_PROFILE = Path.of("../flamegraph/src/test/resources/folded/async-profiler-cpu-ann.collapsed");

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws Exception {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static Document xml(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    /** title text -> rect width, for every frame */
    private static List<String[]> frames(byte[] svg) throws Exception {
        NodeList gs = xml(svg).getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").startsWith("frame")) {
                Element rect = (Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(0);
                String title = g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
                out.add(new String[] {title, rect.getAttribute("x"), rect.getAttribute("width"), rect.getAttribute("fill")});
            }
        }
        return out;
    }

    @Test
    void drawsAFoldedFileToStdout() throws Exception {
        Path in = file("a.folded", "main;foo;bar 5\nmain;foo 2\nmain;baz 3\n");
        FlameRun run = FlameRun.of("flamegraph", in.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        List<String[]> f = frames(run.out());
        assertEquals("all (10 samples, 100%)", f.get(0)[0]);
        assertEquals("bar (5 samples, 50.00%)", f.get(4)[0]);
        assertEquals("590.0", f.get(4)[2]);
    }

    @Test
    void readsStdinAndWritesToAFile() throws Exception {
        Path out = tmp.resolve("out.svg");
        FlameRun run = FlameRun.withStdin("a;b 1\n".getBytes(StandardCharsets.UTF_8), "flamegraph", "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(0, run.out().length);
        assertEquals("b (1 samples, 100.00%)", frames(Files.readAllBytes(out)).get(2)[0]);
    }

    @Test
    void sameInputAndOptionsGiveTheSameBytes() throws Exception {
        Path in = REAL_PROFILE;
        FlameRun a = FlameRun.of("flamegraph", "--colors", "java", "--minwidth", "0", in.toString());
        FlameRun b = FlameRun.of("flamegraph", "--colors", "java", "--minwidth", "0", in.toString());
        assertEquals(0, a.exit(), a.err());
        assertArrayEquals(a.out(), b.out());
        assertTrue(frames(a.out()).size() > 100);
    }

    @Test
    void aMissingFileIsOneLineAndExit2() {
        FlameRun run = FlameRun.of("flamegraph", tmp.resolve("nope.folded").toString());
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("nope.folded: no such file"), run.err());
    }

    /** The three flame commands open their inputs alike (FlameInput): one message for a directory. */
    @Test
    void aDirectoryIsTheSameOneLineErrorForEveryFlameCommand() {
        String expected = "saturn: cannot read " + tmp + ": it is a directory\n";
        for (String[] args : List.of(new String[] {"flamegraph", tmp.toString()}, new String[] {"collapse", tmp.toString()},
                new String[] {"diff-folded", tmp.toString(), tmp.toString()})) {
            FlameRun run = FlameRun.of(args);
            assertEquals(2, run.exit(), args[0]);
            assertEquals(expected, run.err(), args[0]);
        }
    }

    @Test
    void anEmptyFileIsExit2() throws Exception {
        FlameRun run = FlameRun.of("flamegraph", file("empty.folded", "").toString());
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("the input is empty"), run.err());
        assertEquals(0, run.out().length, "no SVG when there is nothing to draw");
    }

    @Test
    void invalidLinesAreReportedOnceAndTheRestIsDrawn() throws Exception {
        FlameRun run = FlameRun.of("flamegraph", file("mixed.folded", "a;b 1\nbad\nworse line\na;c 2\n").toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("saturn: " + tmp.resolve("mixed.folded") + ": Ignored 2 lines with invalid format, first at line 2\n",
                run.err().replace("\r", ""));
        assertEquals(4, frames(run.out()).size(), "all, a, b, c");
    }

    @Test
    void onlyInvalidLinesIsExit2WithTheCount() throws Exception {
        FlameRun run = FlameRun.of("flamegraph", file("bad.folded", "bad\nworse line\n").toString());
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("Ignored 2 lines with invalid format, first at line 1"), run.err());
    }

    @Test
    void binaryGarbageIsExit2NotACrash() throws Exception {
        byte[] garbage = new byte[100_000];
        new Random(3).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] >= '0' && garbage[i] <= '9') {
                garbage[i] = 'x';
            }
        }
        FlameRun run = FlameRun.of("flamegraph", file("garbage.bin", garbage).toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError(), run.err());
    }

    @Test
    void hostileNamesGiveWellFormedXml() throws Exception {
        byte[] folded = "m;a\u0000b;<x>&\"';\u001b[0m;\u00ff 2\n".getBytes(StandardCharsets.ISO_8859_1);
        FlameRun run = FlameRun.of("flamegraph", "--title", "<&>", file("hostile.folded", folded).toString());
        assertEquals(0, run.exit(), run.err());
        List<String[]> f = frames(run.out());
        assertEquals("a\u2400b (2 samples, 100.00%)", f.get(2)[0]);
        assertEquals("<x>&\"' (2 samples, 100.00%)", f.get(3)[0]);
    }

    @Test
    void fractionalCountsAndAOneMegabyteLine() throws Exception {
        String big = "y".repeat(1 << 20);
        FlameRun run = FlameRun.of("flamegraph", file("big.folded", "a;" + big + " 0.5\na;b 1.5\n").toString());
        assertEquals(0, run.exit(), run.err());
        List<String[]> f = frames(run.out());
        assertEquals("all (2 samples, 100%)", f.get(0)[0]);
        assertEquals("b (1.5 samples, 75.00%)", f.get(2)[0]);
        assertTrue(f.get(3)[0].startsWith("yyyy") && f.get(3)[0].endsWith(" (0.5 samples, 25.00%)"));
    }

    @Test
    void differentialFromDiffFoldedColoursAndStatesTheNormalization() throws Exception {
        Path before = file("before.folded", "m;a 10\nm;b 10\nm;gone 5\n");
        Path after = file("after.folded", "m;a 30\nm;b 10\n");
        FlameRun diff = FlameRun.of("diff-folded", before.toString(), after.toString());
        assertEquals(0, diff.exit(), diff.err());
        FlameRun run = FlameRun.withStdin(diff.out(), "flamegraph");
        assertEquals(0, run.exit(), run.err());
        String svg = run.text();
        assertTrue(svg.contains("1st column scaled \u00d71.6 to the 2nd column&#39;s total"), svg.substring(0, 3000));
        List<String[]> f = frames(run.out());
        assertTrue(f.stream().noneMatch(x -> x[0].startsWith("gone")), "only in the first profile: no width");
        assertEquals("m (40 samples, 100.00%; 0.00%; vanished: gone (5 samples before))", f.get(1)[0]);
        assertTrue(f.stream().filter(x -> x[0].startsWith("a ")).findFirst().orElseThrow()[3].startsWith("rgb(255,"), "a grew: red");
    }

    @Test
    void differentialWidthIsTheSecondColumnAsTheSubtitleSays() throws Exception {
        // issue 10's example: a holds 100 samples in each profile, as x does, and is as wide
        FlameRun diff = FlameRun.of("diff-folded", file("r1", "a;b 100\nx 100\n").toString(), file("r2", "a;c 100\nx 100\n").toString());
        assertEquals(0, diff.exit(), diff.err());
        FlameRun run = FlameRun.withStdin(diff.out(), "flamegraph");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.text().contains("width = 2nd column"));
        List<String[]> f = frames(run.out());
        String[] a = f.stream().filter(x -> x[0].startsWith("a ")).findFirst().orElseThrow();
        String[] x = f.stream().filter(y -> y[0].startsWith("x ")).findFirst().orElseThrow();
        assertEquals("590.0", a[2]);
        assertEquals("590.0", x[2]);
        assertEquals("600.0", x[1]);
    }

    @Test
    void jsonFormat() throws Exception {
        FlameRun run = FlameRun.of("flamegraph", "--format", "json", file("a.folded", "a;b 2\na;c 1\n").toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("{\"name\":\"all\",\"value\":3,\"children\":[{\"name\":\"a\",\"value\":3,\"children\":["
                + "{\"name\":\"b\",\"value\":2,\"children\":[]},{\"name\":\"c\",\"value\":1,\"children\":[]}]}]}\n", run.text());
    }

    @Test
    void htmlFromTheFormatOrTheOutputNameKeepsEveryFrameInTheSvgsColours() throws Exception {
        Path out = tmp.resolve("real.html");
        String[] look = {"--colors", "java", "--title", "Real <profile> & more"};
        FlameRun byName = FlameRun.of(concat("flamegraph", look, REAL_PROFILE.toString(), "-o", out.toString()));
        assertEquals(0, byName.exit(), byName.err());
        assertEquals("", byName.err());
        byte[] bytes = Files.readAllBytes(out);
        FlameRun byFormat = FlameRun.viaMain(new byte[0], concat("flamegraph", look, "--format", "html", REAL_PROFILE.toString()));
        assertEquals(0, byFormat.exit(), byFormat.err());
        assertArrayEquals(bytes, byFormat.out(), "the same page from -o NAME.html and from --format html on stdout");

        HtmlPage page = HtmlPage.of(bytes);
        assertTrue(page.text().startsWith("<!DOCTYPE html>"), page.text().substring(0, 40));
        assertTrue(page.text().contains("<title>Real &lt;profile&gt; &amp; more</title>"));
        assertFalse(page.text().contains("<script src") || page.text().contains("<link") || page.text().contains("url("),
                "self-contained: nothing loaded from elsewhere");
        List<String[]> svg = frames(FlameRun.of(concat("flamegraph", look, "--minwidth", "0", REAL_PROFILE.toString())).out());
        assertEquals(svg.size(), page.frames(), "every frame, as the SVG with --minwidth 0");
        java.util.Set<String> svgNames = new java.util.TreeSet<>();
        for (String[] f : svg) {
            svgNames.add(f[0].substring(0, f[0].lastIndexOf(" (")));
            assertTrue(page.colors().contains(f[3]), "the SVG's colour " + f[3] + " is in the page's table");
        }
        java.util.Set<String> pageNames = new java.util.TreeSet<>();
        for (int i = 0; i < page.names().size(); i++) {
            String type = page.types().isEmpty() ? null : page.types().get(i);
            pageNames.add(type == null ? page.names().get(i) : page.names().get(i) + " (" + type + ")");
        }
        assertEquals(svgNames, pageNames, "the same names as the SVG, with their frame types");

        FlameRun pruned = FlameRun.of("flamegraph", "--format", "html", "--minwidth", "1%", REAL_PROFILE.toString());
        assertEquals(0, pruned.exit(), pruned.err());
        int kept = HtmlPage.of(pruned.out()).frames();
        assertTrue(kept > 1 && kept < page.frames() / 4, "--minwidth 1% leaves narrow frames out of the page too: " + kept);
    }

    @Test
    void htmlRefusesWhatOnlyTheSvgHasInOneLine() throws Exception {
        Path in = file("a.folded", "main;work 3\n");
        Path attrs = file("attrs.tsv", "work\thref=https://example.com/\n");
        for (String[] args : new String[][] {{"--format", "html", "--nameattr", attrs.toString()},
            {"-o", tmp.resolve("x.html").toString(), "--encoding", "ISO-8859-1"}}) {
            FlameRun run = FlameRun.of(concat("flamegraph", args, in.toString()));
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.err().contains("is for the SVG"), run.err());
        }
        assertFalse(Files.exists(tmp.resolve("x.html")), "no page left behind");
    }

    private static String[] concat(String command, String[] middle, String... rest) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(middle));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void filtersAndViewsFromTheCommandLine() throws Exception {
        Path in = file("a.folded", "main;a;malloc 3\nmain;b;malloc 2\nmain;b;free 7\nidle;swapper 20\n");
        FlameRun callers = FlameRun.of("flamegraph", "--callers", "^malloc$", "--reverse", in.toString());
        assertEquals(0, callers.exit(), callers.err());
        List<String[]> f = frames(callers.out());
        assertEquals("malloc (5 samples, 100.00%)", f.get(1)[0]);
        FlameRun excluded = FlameRun.of("flamegraph", "--exclude", "swapper", "--sort", "weight", in.toString());
        assertEquals("b (9 samples, 75.00%)", frames(excluded.out()).get(2)[0], "heaviest first");
        FlameRun none = FlameRun.of("flamegraph", "--include", "nothing", in.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no stack left after --include"), none.err());
        FlameRun badRegex = FlameRun.of("flamegraph", "--include", "(", in.toString());
        assertEquals(2, badRegex.exit());
        assertTrue(badRegex.oneLineError(), badRegex.err());
    }

    @Test
    void consistentPaletteFileIsReadAndWritten() throws Exception {
        Path map = file("palette.map", "bar->rgb(1,2,3)\n");
        Path in = file("a.folded", "main;foo;bar 5\n");
        FlameRun run = FlameRun.of("flamegraph", "--palette-map", map.toString(), in.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.text().contains("fill=\"rgb(1,2,3)\""));
        assertEquals("->rgb(213,39,9)\nbar->rgb(1,2,3)\nfoo->rgb(220,71,17)\nmain->rgb(243,179,42)\n", Files.readString(map));
    }

    @Test
    void badOptionsAreOneLineUsageErrors() throws Exception {
        Path in = file("a.folded", "a 1\n");
        for (String[] args : new String[][] {{"--colors", "plaid"}, {"--minwidth", "wide"}, {"--bgcolors", "#zzz"},
            {"--width", "5"}, {"--sort", "size"}, {"--flamechart", "--sort", "weight"}, {"--encoding", "no-such-charset"},
            {"--nameattr", tmp.resolve("missing.tsv").toString()}, {"--hash", "--random"}, {"--match-on", "line"}}) {
            List<String> all = new ArrayList<>(List.of("flamegraph"));
            all.addAll(List.of(args));
            all.add(in.toString());
            FlameRun run = FlameRun.of(all.toArray(String[]::new));
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.oneLineError(), String.join(" ", args) + ": " + run.err());
        }
    }

    @Test
    void helpListsFlamegraphPlsOptionsAndExamples() {
        CliRun run = CliRun.of("flamegraph", "--help");
        assertEquals(0, run.exit());
        for (String option : List.of("--title", "--subtitle", "--width", "--height", "--minwidth", "--fonttype", "--fontsize",
                "--fontwidth", "--countname", "--nametype", "--colors", "--bgcolors", "--hash", "--random", "--cp", "--reverse",
                "--inverted", "--flamechart", "--negate", "--notes", "--total", "--factor", "--nameattr", "--encoding",
                "--sort", "--include", "--exclude", "--callers", "--collapse-recursion", "--format", "Examples:")) {
            assertTrue(run.out().contains(option), option);
        }
        assertFalse(CliRun.of("--help").out().contains("Not yet implemented"));
        assertTrue(CliRun.of("--help").out().contains("flamegraph"), "no longer hidden");
    }

    @Test
    void perfInputsWhosePeriodsCountDifferentEventsAreNotAdded() throws Exception {
        String sample = "ab 1 1.0: 250 cpu-clock:\n\t400 main (/usr/bin/ab)\n\n";
        Path clock = file("clock.txt", sample);
        Path cycles = file("cycles.txt", sample.replace("cpu-clock", "cycles"));
        FlameRun run = FlameRun.of("flamegraph", clock.toString(), cycles.toString());
        assertEquals(2, run.exit());
        assertEquals("saturn: the inputs count different things (counts are cpu-clock periods summed, in ns; "
                + "counts are cycles periods summed, in cycles): draw them apart\n", run.err());
        FlameRun named = FlameRun.of("flamegraph", "--countname", "cpu time in ns", "--subtitle", "mine", clock.toString());
        assertTrue(named.text().contains("main (250 cpu time in ns, 100.00%)"), "--countname wins");
        assertTrue(named.text().contains(">mine</text>"));
    }

    @Test
    void rawPerfJstackAndJfrInputsAreCollapsedOnTheWayIn() throws Exception {
        Path resources = Path.of("../flamegraph/src/test/resources");
        String[][] cases = {
            {"perf/c-cpu-clock.txt", "perf/c-cpu-clock-collapsed-default.txt"},
            {"jstack/three-dumps.txt", null},
            {"jfr/stacks-2s.jfr", null}};
        for (String[] c : cases) {
            FlameRun run = FlameRun.of("flamegraph", "--minwidth", "0", resources.resolve(c[0]).toString());
            assertEquals(0, run.exit(), c[0] + ": " + run.err());
            String svg = new String(run.out(), StandardCharsets.ISO_8859_1);
            assertTrue(svg.startsWith("<?xml"), c[0]);
            assertTrue(svg.split("class=\"frame\"", -1).length > 5, c[0] + " has frames");
            if (c[1] != null) {
                // perf script's cpu-clock periods are nanoseconds: the graph says so, where its collapsed form cannot
                assertTrue(svg.contains("<title>all (174,348,696 ns, 100%)</title>"), svg.substring(0, 3000));
                FlameRun folded = FlameRun.of("flamegraph", "--minwidth", "0", "--countname", "ns",
                        "--subtitle", "counts are cpu-clock periods summed, in ns", resources.resolve(c[1]).toString());
                assertEquals(new String(folded.out(), StandardCharsets.ISO_8859_1), svg,
                        "a perf script renders exactly as its collapsed form with the unit given");
            }
        }
    }

    @Test
    void aBigFileReadInPartsDrawsAsAPipeOfItDoes() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 9 << 20; i++) {
            text.append("copy").append(i % 50).append("-java;start;run;loop").append(i % 7).append(";work;parse;token")
                    .append(i % 13).append(";leaf").append(i % 29).append(' ').append(1 + i % 5).append('\n');
        }
        Path big = file("big.folded", text.toString());
        String saturn = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName();
        byte[] redirected = run(new ProcessBuilder("sh", "-c", saturn + " flamegraph < " + big));
        byte[] piped = run(new ProcessBuilder("sh", "-c", "cat " + big + " | " + saturn + " flamegraph"));
        byte[] named = run(new ProcessBuilder("sh", "-c", saturn + " flamegraph " + big));
        assertTrue(new String(piped, StandardCharsets.ISO_8859_1).contains("<title>all ("), "a flame graph");
        assertArrayEquals(piped, redirected, "standard input from the file (read in parts) against a pipe (read as a stream)");
        assertArrayEquals(piped, named, "the file named (read in parts) against a pipe");
    }

    private static byte[] run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "saturn flamegraph did not end");
        assertEquals(0, p.exitValue(), String.join(" ", pb.command()));
        return out;
    }

    @Test
    void anSvgIsNotPouredIntoATerminal() throws Exception {
        Path folded = file("in.folded", "main;work 10\n");
        String saturn = ChildProcess.java() + " -cp " + System.getProperty("java.class.path") + " " + Saturn.class.getName();
        // script(1) gives saturn a pseudo-terminal as its standard output
        Process p = new ProcessBuilder("script", "-qec", saturn + " flamegraph " + folded, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "saturn flamegraph did not end");
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertEquals(2, p.exitValue(), said);
        assertEquals("saturn: not writing an SVG into the terminal: give -o FILE (e.g. -o flame.svg), or redirect: > flame.svg\n", said);
        Process dash = new ProcessBuilder("script", "-qec", saturn + " flamegraph -o - " + folded, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).redirectErrorStream(true).start();
        assertTrue(dash.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "saturn flamegraph -o - did not end");
        String svg = new String(dash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dash.exitValue(), svg);
        assertTrue(svg.contains("<svg") && svg.contains("work"), "-o - asks for stdout, terminal or not");
    }
}
