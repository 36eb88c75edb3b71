package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.saturn.cli.flame.FastArguments;
import dev.saturn.cli.flame.FastSyntax;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * main reads the arguments of collapse, flamegraph and diff-folded without picocli when it can:
 * the command it builds must be the one picocli builds, field by field, and what it does not fully
 * understand must reach picocli, so that help and every error message stay picocli's.
 */
class FastArgumentsTest {
    private static final String PERF = "ab 1/2 [000] 1.0: 3 cpu-clock:\n"
            + "\tffffffff8103ce3b native_safe_halt+0x1b ([kernel.kallsyms])\n"
            + "\t400 main (/usr/bin/ab)\n\n";

    @TempDir
    Path dir;

    /** Arguments the fast path takes, as users write them. */
    private static final List<String[]> ACCEPTED = List.of(
            args("collapse"),
            args("collapse", "-"),
            args("collapse", "a.txt", "b.txt"),
            args("collapse", "--pid", "--tid", "--kernel", "--jit", "--all", "--addrs", "--verbose", "a.txt"),
            args("collapse", "--format", "jfr", "--event", "alloc", "rec.jfr"),
            args("collapse", "--format=perf", "--event-filter", "cycles", "-", "x"),
            args("collapse", "--event-filter=", "a.txt"),
            args("flamegraph"),
            args("flamegraph", "-"),
            args("flamegraph", "in.folded", "-o", "out.svg"),
            args("flamegraph", "-o", "-", "in.folded"),
            args("flamegraph", "--output=out.svg", "--format", "json", "a", "b"),
            args("flamegraph", "--format", "html", "-o", "out.html", "in.folded"),
            args("flamegraph", "--title", "My title", "--subtitle=sub", "--width", "900", "--height=20", "--minwidth", "0.5%",
                    "--fonttype", "Arial", "--fontsize", "13.5", "--fontwidth=0.6", "--countname", "bytes", "--nametype",
                    "Name:", "--inverted", "--notes", "n", "--nameattr", "attrs.txt", "--encoding", "ISO-8859-1"),
            args("flamegraph", "--colors", "java", "--bgcolors", "#ffffff", "--hash", "--cp", "--palette-map", "p.map"),
            args("flamegraph", "--color=mem", "--random", "--total", "1000", "--factor", "0.5", "--negate"),
            args("flamegraph", "--reverse", "--flamechart", "--sort", "weight", "--include", "a", "--include=b",
                    "--exclude", "c", "--match-on", "stack", "--callers", "^main$", "--callees", "x.*", "--collapse-recursion"),
            args("flamegraph", "--no-normalize", "--verbose", "in.folded"),
            args("flamegraph", "--normalize", "in.folded"),
            args("flamegraph", "--title=", "in.folded"),
            args("flamegraph", "--event", "alloc", "rec.jfr"),
            args("diff-folded", "before", "after"),
            args("diff-folded", "-n", "-s", "--verbose", "before", "after"));

    /** Arguments left to picocli: help, unknown or repeated options, values picocli would refuse or read otherwise. */
    private static final List<String[]> HANDED_OVER = List.of(
            args("use"), args("snapshot"), args("--help"), args(),
            args("collapse", "--help"), args("collapse", "-h"), args("collapse", "--version"), args("flamegraph", "-V"),
            args("collapse", "--bogus"), args("collapse", "-x", "a.txt"), args("collapse", "--pid", "--pid"),
            args("collapse", "--pid=true"), args("collapse", "--format", "PERF"), args("collapse", "--format", "xml"),
            args("collapse", "--format"), args("collapse", "--event-filter", "-x"), args("collapse", "@args.txt"),
            args("collapse", "--", "-weird-file"),
            args("flamegraph", "--width", "wide"), args("flamegraph", "--width", "1e3"), args("flamegraph", "--fontsize", "big"),
            args("flamegraph", "--title", "a", "--title", "b"), args("flamegraph", "-o", "a.svg", "--output", "b.svg"),
            args("flamegraph", "--colors", "hot", "--color", "mem"), args("flamegraph", "--normalize", "--no-normalize"),
            args("flamegraph", "-o=a.svg"), args("flamegraph", "-oa.svg"), args("flamegraph", "--format", "png"),
            args("flamegraph", "--no-normalize=false"), args("flamegraph", "--title"), args("flamegraph", "--nameattr", "a\0b"),
            args("flamegraph", "--not-an-option=x"), args("flamegraph", "--event", "ALLOC"), args("flamegraph", "--event", "heap"),
            args("diff-folded", "one"), args("diff-folded", "a", "b", "c"), args("diff-folded", "-ns", "a", "b"),
            args("diff-folded", "--help"));

    private static String[] args(String... a) {
        return a;
    }

    private static PrintWriter nowhere() {
        return new PrintWriter(new StringWriter());
    }

    @Test
    void buildsTheCommandPicocliBuilds() throws Exception {
        for (String[] a : ACCEPTED) {
            assertFastAsPicocli(a);
        }
    }

    private static void assertFastAsPicocli(String[] a) throws IllegalAccessException {
        FastArguments.Parsed fast = FastArguments.parse(a, nowhere());
        assertNotNull(fast, "the fast path should take " + Arrays.toString(a));
        CommandLine.ParseResult parsed = Saturn.commandLine().parseArgs(a);
        Object viaPicocli = parsed.subcommand().commandSpec().userObject();
        assertSameFields(viaPicocli, fast.command(), Arrays.toString(a));
        assertEquals(parsed.subcommand().hasMatchedOption("--verbose"), fast.verbose(), Arrays.toString(a));
    }

    private static final List<String> FAST_COMMANDS = List.of("collapse", "flamegraph", "diff-folded");

    /**
     * The fast path knows every option picocli knows for its commands (the build generates its table
     * from their annotations), and reads each but help and version itself: an option whose value it
     * cannot convert as picocli does would be handed over, slowly, and fails here until that is meant.
     */
    @Test
    void everyOptionIsReadOnTheFastPathOrHandedOverOnPurpose() {
        for (String command : FAST_COMMANDS) {
            CommandLine.Model.CommandSpec spec = Saturn.commandLine().getSubcommands().get(command).getCommandSpec();
            FastSyntax syntax = FastArguments.syntax(command);
            assertNotNull(syntax, "no generated FastSyntaxTable for " + command + " (built outside Maven?)");
            Set<String> known = new TreeSet<>();
            Set<String> handedOver = new TreeSet<>();
            for (FastSyntax.Option o : syntax.options()) {
                known.addAll(List.of(o.names()));
                if (o.kind() == FastSyntax.Kind.PICOCLI) {
                    handedOver.addAll(List.of(o.names()));
                }
            }
            assertEquals(names(spec), known, command);
            assertEquals(Set.of("-h", "--help", "-V", "--version"), handedOver, command + ": options left to picocli");
            assertEquals(spec.positionalParameters().size(), syntax.parameters().length, command);
            for (FastSyntax.Parameter p : syntax.parameters()) {
                assertTrue(p.kind() != FastSyntax.Kind.PICOCLI, command + ": parameter " + p.path() + " left to picocli");
            }
        }
    }

    /** Each option of the three commands, alone, as --name VALUE and --name=VALUE: the command picocli builds. */
    @Test
    void everyOptionSetsWhatPicocliSets() throws Exception {
        int checked = 0;
        for (String command : FAST_COMMANDS) {
            CommandLine.Model.CommandSpec spec = Saturn.commandLine().getSubcommands().get(command).getCommandSpec();
            List<String> files = spec.positionalParameters().stream().filter(p -> p.required()).map(p -> "file").toList();
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                for (String name : o.negatable() ? negatedToo(spec, o) : List.of(o.names())) {
                    List<List<String>> forms = o.arity().max() == 0 ? List.of(List.of(name))
                            : name.startsWith("--") ? List.of(List.of(name, sample(o)), List.of(name + "=" + sample(o)))
                            : List.of(List.of(name, sample(o)));
                    for (List<String> form : forms) {
                        List<String> a = new ArrayList<>(List.of(command));
                        a.addAll(form);
                        a.addAll(files);
                        assertFastAsPicocli(a.toArray(String[]::new));
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 60, checked + " argument lists");
    }

    private static Set<String> names(CommandLine.Model.CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o : spec.options()) {
            names.addAll(o.negatable() ? negatedToo(spec, o) : List.of(o.names()));
        }
        return names;
    }

    private static List<String> negatedToo(CommandLine.Model.CommandSpec spec, CommandLine.Model.OptionSpec o) {
        List<String> names = new ArrayList<>(List.of(o.names()));
        for (String name : o.names()) {
            names.add(spec.negatableOptionTransformer().makeNegative(name, spec));
        }
        return names;
    }

    /** A value picocli accepts for the option, other than its default where that matters. */
    private static String sample(CommandLine.Model.OptionSpec o) {
        Class<?> type = o.type();
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return ((Enum<?>) constants[constants.length - 1]).name();
        }
        if (type == int.class || type == Integer.class) {
            return "7";
        }
        if (type == double.class || type == Double.class) {
            return "2.5";
        }
        return "sample";
    }

    @Test
    void leavesToPicocliWhatItDoesNotFullyUnderstand() {
        for (String[] a : HANDED_OVER) {
            assertNull(FastArguments.parse(a, nowhere()), "picocli should read " + Arrays.toString(a));
        }
    }

    /** Every field of the command and of its option groups, except picocli's spec and the error writer. */
    private static void assertSameFields(Object expected, Object actual, String args) throws IllegalAccessException {
        assertEquals(expected.getClass(), actual.getClass(), args);
        for (Class<?> c = expected.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("spec") || f.getName().equals("err")) {
                    continue;
                }
                f.setAccessible(true);
                Object e = f.get(expected);
                Object a = f.get(actual);
                if (e != null && e.getClass().getName().startsWith("dev.saturn.cli.") && !e.getClass().isEnum()) {
                    assertNotNull(a, args + ": " + f);
                    assertSameFields(e, a, args);
                } else if (!Objects.equals(e, a)) {
                    fail(args + ": " + c.getSimpleName() + "." + f.getName() + " is " + a + " on the fast path, " + e + " by picocli");
                }
            }
        }
    }

    @Test
    void sameOutputAndMessagesThroughMainAsThroughPicocli() throws Exception {
        String perf = Files.writeString(dir.resolve("perf.txt"), PERF).toString();
        String folded = Files.writeString(dir.resolve("in.folded"), "main;work;leaf 3\nmain;idle 1\njunk\n").toString();
        String other = Files.writeString(dir.resolve("other.folded"), "main;work;leaf 1\n").toString();
        String missing = dir.resolve("missing.txt").toString();
        List<String[]> runs = List.of(
                args("collapse", perf), args("collapse", "--tid", "--all", perf), args("collapse", "--format", "folded", folded),
                args("collapse", perf, missing), args("collapse", "--format", "jstack", perf), args("collapse", dir.toString()),
                args("flamegraph", folded), args("flamegraph", "--format", "json", folded), args("flamegraph", perf),
                args("flamegraph", "--title", "T", "--colors", "java", "--width", "800", "--include", "work", folded),
                args("flamegraph", "--sort", "bogus", folded), args("flamegraph", "--colors", "pink", folded),
                args("flamegraph", "--include", "nothing-matches", folded), args("flamegraph", missing),
                args("diff-folded", folded, other), args("diff-folded", "-n", folded, missing),
                // handed over: picocli's messages, through main as through picocli
                args("collapse", "--bogus", perf), args("flamegraph", "--width", "wide", folded), args("diff-folded", folded),
                args("collapse", "--pid", "--pid", perf));
        for (String[] a : runs) {
            FlameRun viaPicocli = FlameRun.withStdin(new byte[0], a);
            FlameRun viaMain = FlameRun.viaMain(new byte[0], a);
            String what = Arrays.toString(a);
            assertEquals(viaPicocli.exit(), viaMain.exit(), what);
            assertEquals(viaPicocli.err(), viaMain.err(), what);
            assertArrayEquals(viaPicocli.out(), viaMain.out(), what);
        }
    }

    @Test
    void readsStandardInputOnTheFastPath() {
        byte[] stdin = PERF.getBytes(StandardCharsets.ISO_8859_1);
        FlameRun run = FlameRun.viaMain(stdin, "collapse", "--pid");
        assertEquals(0, run.exit(), run.err());
        assertEquals("ab-1;main;native_safe_halt 3\n", run.text());
        FlameRun svg = FlameRun.viaMain(stdin, "flamegraph", "-");
        assertEquals(0, svg.exit(), svg.err());
        assertTrue(svg.text().contains("native_safe_halt (3 ns, 100.00%)"), svg.text());
    }
}
