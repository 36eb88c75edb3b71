package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saturn flamegraph and saturn collapse in the place of flamegraph.pl and stackcollapse-perf.pl: every option of the
 * scripts' usage texts, in every spelling Getopt::Long accepts (--name V, --name=V, -name V, -name=V, --NAME V, and
 * the shortest beginning unique among the script's own options), draws or collapses exactly as the declared name.
 */
class PerlSpellingTest {
    /** flamegraph.pl's options (its usage text and its GetOptions list), each with a value where it takes one. */
    private static final String[][] FLAMEGRAPH = {
        {"title", "A title"}, {"subtitle", "A subtitle"}, {"width", "600"}, {"height", "20"}, {"minwidth", "2"},
        {"fonttype", "Arial"}, {"fontsize", "10"}, {"fontwidth", "0.6"}, {"countname", "ms"}, {"nametype", "Fn:"},
        {"colors", "java"}, {"bgcolors", "blue"}, {"hash", null}, {"reverse", null}, {"inverted", null},
        {"flamechart", null}, {"negate", null}, {"notes", "some notes"}, {"encoding", "ISO-8859-1"}, {"total", "100"},
        {"factor", "2"}, {"nameattr", "NAMEATTR"}};
    /** Its options not drawn the same twice (--random) or writing into the working directory (--cp): checked apart. */
    private static final List<String> PERL_NAMES = List.of("fonttype", "width", "height", "encoding", "fontsize", "fontwidth",
            "minwidth", "title", "subtitle", "nametype", "countname", "nameattr", "total", "factor", "colors", "bgcolors", "hash",
            "random", "cp", "reverse", "inverted", "flamechart", "negate", "notes", "help");
    /** stackcollapse-perf.pl's options but --inline, --context and --srcline (addr2line's un-inlining), which saturn lacks. */
    private static final String[][] COLLAPSE = {{"pid", null}, {"kernel", null}, {"jit", null}, {"all", null},
        {"tid", null}, {"addrs", null}, {"event-filter", "cpu-clock"}};
    private static final List<String> COLLAPSE_NAMES = List.of("inline", "context", "srcline", "pid", "kernel", "jit", "all", "tid",
            "addrs", "event-filter");

    @TempDir
    Path tmp;

    @Test
    void everyFlamegraphPlOptionInEverySpelling() throws Exception {
        Path folded = Files.writeString(tmp.resolve("in.folded"), "main;a;b 10\nmain;a;c 5\nmain;d 7\nmain;a;b;e 3\n");
        Path nameattr = Files.writeString(tmp.resolve("nameattr.txt"), "b\ttitle=the b function\n");
        int checked = 0;
        for (String[] option : FLAMEGRAPH) {
            String value = "NAMEATTR".equals(option[1]) ? nameattr.toString() : option[1];
            byte[] expected = svg(declared(option[0], value, folded));
            for (List<String> form : forms(option[0], value, PERL_NAMES, "flamegraph")) {
                List<String> args = new ArrayList<>(List.of("flamegraph"));
                args.addAll(form);
                args.add(folded.toString());
                FlameRun run = FlameRun.viaMain(new byte[0], args.toArray(new String[0]));
                assertEquals(0, run.exit(), args + ": " + run.err());
                assertArrayEquals(expected, run.out(), args + " draws as --" + option[0]);
                checked++;
            }
        }
        assertTrue(checked >= FLAMEGRAPH.length * 6, checked + " spellings");
        for (String flag : List.of("-random", "--rand", "-help", "--hel")) {
            FlameRun run = FlameRun.viaMain(new byte[0], "flamegraph", flag, folded.toString());
            assertEquals(0, run.exit(), flag + ": " + run.err());
        }
        FlameRun help = FlameRun.viaMain(new byte[0], "flamegraph", "-help");
        assertTrue(new String(help.out(), StandardCharsets.UTF_8).contains("Usage: saturn flamegraph"), "-help is --help");
    }

    @Test
    void everyStackcollapsePerfPlOptionInEverySpelling() throws Exception {
        Path perf = Path.of("../flamegraph/src/test/resources/perf/c-cpu-clock.txt");
        assertTrue(Files.exists(perf), perf.toAbsolutePath().toString());
        for (String[] option : COLLAPSE) {
            List<String> canonical = new ArrayList<>(List.of("collapse", "--" + option[0]));
            if (option[1] != null) {
                canonical.add(option[1]);
            }
            canonical.add(perf.toString());
            FlameRun expected = FlameRun.viaMain(new byte[0], canonical.toArray(new String[0]));
            assertEquals(0, expected.exit(), canonical + ": " + expected.err());
            for (List<String> form : forms(option[0], option[1], COLLAPSE_NAMES, "collapse")) {
                List<String> args = new ArrayList<>(List.of("collapse"));
                args.addAll(form);
                args.add(perf.toString());
                FlameRun run = FlameRun.viaMain(new byte[0], args.toArray(new String[0]));
                assertEquals(0, run.exit(), args + ": " + run.err());
                assertArrayEquals(expected.out(), run.out(), args + " collapses as --" + option[0]);
            }
        }
    }

    @Test
    void anAmbiguousBeginningIsOneLineThatNamesTheCandidates() {
        FlameRun run = FlameRun.viaMain(new byte[0], "flamegraph", "--co", "java", "x.folded");
        assertEquals(2, run.exit());
        assertEquals("saturn: option --co is ambiguous (--countname, --colors, --collapse-recursion): give more of its name "
                + "(try `saturn flamegraph --help`)\n", run.err());
        FlameRun col = FlameRun.viaMain(new byte[0], "flamegraph", "--col", "java", "/dev/null");
        assertTrue(!col.err().contains("ambiguous"), "--col is flamegraph.pl's --colors: " + col.err());
    }

    private static List<String> declared(String name, String value, Path input) {
        List<String> args = new ArrayList<>(List.of("flamegraph", "--" + name));
        if (value != null) {
            args.add(value);
        }
        args.add(input.toString());
        return args;
    }

    private static byte[] svg(List<String> args) {
        FlameRun run = FlameRun.viaMain(new byte[0], args.toArray(new String[0]));
        assertEquals(0, run.exit(), args + ": " + run.err());
        return run.out();
    }

    /**
     * Every spelling Getopt::Long takes for the option: the value apart or after =, one dash or two, any case, and the
     * shortest beginning unique among the script's options, but one that is a saturn option of its own: saturn's
     * --to (a JFR window) is not flamegraph.pl's --to(tal) (docs/flamegraph.md).
     */
    private static List<List<String>> forms(String name, String value, List<String> scriptNames, String command) {
        java.util.Set<String> saturnNames = new java.util.HashSet<>();
        for (var o : dev.saturn.cli.flame.FastArguments.syntax(command).options()) {
            saturnNames.addAll(List.of(o.names()));
        }
        String shortest = name;
        for (int n = 1; n <= name.length(); n++) {
            String prefix = name.substring(0, n);
            if (!prefix.equals(name) && saturnNames.contains("--" + prefix)) {
                continue;
            }
            if (scriptNames.stream().filter(o -> o.startsWith(prefix)).count() == 1) {
                shortest = prefix;
                break;
            }
        }
        List<List<String>> forms = new ArrayList<>();
        for (String spelled : List.of("--" + name, "-" + name, "--" + name.toUpperCase(java.util.Locale.ROOT), "--" + shortest, "-" + shortest)) {
            if (value == null) {
                forms.add(List.of(spelled));
            } else {
                forms.add(List.of(spelled, value));
                forms.add(List.of(spelled + "=" + value));
            }
        }
        return forms;
    }
}
