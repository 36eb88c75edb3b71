package dev.saturn.cli.flame;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The arguments of `saturn collapse`, `flamegraph` and `diff-folded` read without picocli, whose
 * reflection over the annotations (dynamic proxies that the AppCDS archive cannot hold) costs about
 * 100 ms of a run that does 60 ms of work.
 *
 * <p>It takes only what it fully understands: known options, each given once (--include and
 * --exclude repeat), values that picocli would convert the same way, files that do not look like
 * options. For anything else (--help, an unknown or repeated option, a bad number, {@code @file},
 * {@code --}) it returns null and picocli reads the arguments, so that help and every message about
 * a bad argument stay picocli's. The commands' fields start at their options' defaults, which
 * FastArgumentsTest checks against what picocli builds.
 */
public final class FastArguments {
    private FastArguments() {
    }

    /** A command with its options set, ready to call, and whether --verbose was given. */
    public record Parsed(Callable<Integer> command, boolean verbose) {
    }

    /** The command the arguments ask for, writing its messages to {@code err}; null when picocli must read them. */
    public static Parsed parse(String[] args, PrintWriter err) {
        if (args.length == 0) {
            return null;
        }
        try {
            switch (args[0]) {
                case "collapse":
                    return collapse(new Args(args), err);
                case "flamegraph":
                    return flamegraph(new Args(args), err);
                case "diff-folded":
                    return diffFolded(new Args(args), err);
                default:
                    return null;
            }
        } catch (HandOver e) {
            return null;
        }
    }

    private static Parsed collapse(Args a, PrintWriter err) {
        CollapseCommand c = new CollapseCommand();
        c.err = err;
        while (a.hasNext()) {
            String arg = a.next();
            switch (arg) {
                case "--format" -> c.format = collapseFormat(a.value(arg));
                case "--event" -> c.event = jfrKind(a.value(arg));
                case "--pid" -> c.pid = a.flag(arg);
                case "--tid" -> c.tid = a.flag(arg);
                case "--kernel" -> c.kernel = a.flag(arg);
                case "--jit" -> c.jit = a.flag(arg);
                case "--all" -> c.all = a.flag(arg);
                case "--addrs" -> c.addrs = a.flag(arg);
                case "--event-filter" -> c.eventFilter = a.value(arg);
                case "--verbose" -> c.verbose = a.flag(arg);
                default -> {
                    if (c.files == null) {
                        c.files = new ArrayList<>();
                    }
                    c.files.add(a.positional(arg));
                }
            }
        }
        return new Parsed(c, c.verbose);
    }

    private static Parsed flamegraph(Args a, PrintWriter err) {
        FlamegraphCommand c = new FlamegraphCommand();
        c.err = err;
        c.render = new FlamegraphCommand.RenderOptions();
        c.stacks = new FlamegraphCommand.StackOptions();
        FlamegraphCommand.RenderOptions.Look look = c.render.look;
        FlamegraphCommand.RenderOptions.Colours colours = c.render.colours;
        FlamegraphCommand.RenderOptions.Counts counts = c.render.counts;
        FlamegraphCommand.StackOptions.Shape shape = c.stacks.shape;
        while (a.hasNext()) {
            String arg = a.next();
            switch (arg) {
                case "-o", "--output" -> c.output = path(a.value("--output"));
                case "--format" -> c.format = outputFormat(a.value(arg));
                case "--event" -> c.event = jfrKind(a.value(arg));
                case "--verbose" -> c.verbose = a.flag(arg);
                case "--title" -> look.title = a.value(arg);
                case "--subtitle" -> look.subtitle = a.value(arg);
                case "--width" -> look.width = integer(a.value(arg));
                case "--height" -> look.height = integer(a.value(arg));
                case "--minwidth" -> look.minWidth = a.value(arg);
                case "--fonttype" -> look.fontType = a.value(arg);
                case "--fontsize" -> look.fontSize = decimal(a.value(arg));
                case "--fontwidth" -> look.fontWidth = decimal(a.value(arg));
                case "--countname" -> look.countName = a.value(arg);
                case "--nametype" -> look.nameType = a.value(arg);
                case "--inverted" -> look.inverted = a.flag(arg);
                case "--notes" -> look.notes = a.value(arg);
                case "--nameattr" -> look.nameAttr = path(a.value(arg));
                case "--encoding" -> look.encoding = a.value(arg);
                case "--colors", "--color" -> colours.palette = a.value("--colors");
                case "--bgcolors" -> colours.background = a.value(arg);
                case "--hash" -> colours.hash = a.flag(arg);
                case "--random" -> colours.random = a.flag(arg);
                case "--cp" -> colours.consistent = a.flag(arg);
                case "--palette-map" -> colours.paletteFile = path(a.value(arg));
                case "--total" -> counts.total = decimal(a.value(arg));
                case "--factor" -> counts.factor = decimal(a.value(arg));
                case "--negate" -> counts.negate = a.flag(arg);
                case "--reverse" -> shape.reverse = a.flag(arg);
                case "--flamechart" -> shape.flameChart = a.flag(arg);
                case "--sort" -> shape.sort = a.value(arg);
                case "--include" -> shape.include.add(a.repeatableValue());
                case "--exclude" -> shape.exclude.add(a.repeatableValue());
                case "--match-on" -> shape.matchOn = a.value(arg);
                case "--callers" -> shape.callers = a.value(arg);
                case "--callees" -> shape.callees = a.value(arg);
                case "--collapse-recursion" -> shape.collapseRecursion = a.flag(arg);
                case "--normalize" -> shape.normalize = a.flag("--normalize");
                case "--no-normalize" -> shape.normalize = !a.flag("--normalize");
                default -> c.files.add(a.positional(arg));
            }
        }
        return new Parsed(c, c.verbose);
    }

    private static Parsed diffFolded(Args a, PrintWriter err) {
        DiffFoldedCommand c = new DiffFoldedCommand();
        c.err = err;
        List<Path> files = new ArrayList<>(2);
        while (a.hasNext()) {
            String arg = a.next();
            switch (arg) {
                case "-n" -> c.normalize = a.flag(arg);
                case "-s" -> c.stripHex = a.flag(arg);
                case "--verbose" -> c.verbose = a.flag(arg);
                default -> files.add(path(a.positional(arg)));
            }
        }
        if (files.size() != 2) {
            throw HandOver.INSTANCE;
        }
        c.before = files.get(0);
        c.after = files.get(1);
        return new Parsed(c, c.verbose);
    }

    private static CollapseCommand.Format collapseFormat(String value) {
        for (CollapseCommand.Format f : CollapseCommand.Format.values()) {
            if (f.name().equals(value)) {
                return f;
            }
        }
        throw HandOver.INSTANCE;
    }

    private static CollapseCommand.JfrKind jfrKind(String value) {
        for (CollapseCommand.JfrKind k : CollapseCommand.JfrKind.values()) {
            if (k.name().equals(value)) {
                return k;
            }
        }
        throw HandOver.INSTANCE;
    }

    private static FlamegraphCommand.OutputFormat outputFormat(String value) {
        for (FlamegraphCommand.OutputFormat f : FlamegraphCommand.OutputFormat.values()) {
            if (f.name().equals(value)) {
                return f;
            }
        }
        throw HandOver.INSTANCE;
    }

    /** As picocli converts an int: Integer.valueOf. */
    private static int integer(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw HandOver.INSTANCE;
        }
    }

    /** As picocli converts a double: Double.valueOf. */
    private static double decimal(String value) {
        try {
            return Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw HandOver.INSTANCE;
        }
    }

    /** As picocli converts a Path: Path.of. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw HandOver.INSTANCE;
        }
    }

    /** The arguments after the subcommand's name, in turn; an option's value may follow it or come after '='. */
    private static final class Args {
        private final String[] args;
        private final Set<String> seen = new HashSet<>();
        private int next = 1;
        private String inline;

        Args(String[] args) {
            this.args = args;
        }

        boolean hasNext() {
            return next < args.length;
        }

        /** The next argument; for {@code --name=value}, the name, with the value kept for {@link #value}. */
        String next() {
            String arg = args[next++];
            inline = null;
            if (arg.startsWith("@") || arg.equals("--")) {
                throw HandOver.INSTANCE;
            }
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                inline = arg.substring(eq + 1);
                return arg.substring(0, eq);
            }
            return arg;
        }

        /** A flag's value, true, once; picocli reads {@code --flag=VALUE} and repeats, not this. */
        boolean flag(String name) {
            if (inline != null) {
                throw HandOver.INSTANCE;
            }
            once(name);
            return true;
        }

        String value(String name) {
            once(name);
            return repeatableValue();
        }

        /** The option's value; one that starts with '-' other than "-" itself is left to picocli. */
        String repeatableValue() {
            if (inline != null) {
                return inline;
            }
            if (!hasNext()) {
                throw HandOver.INSTANCE;
            }
            String value = args[next++];
            if (value.startsWith("-") && !value.equals("-") || value.startsWith("@")) {
                throw HandOver.INSTANCE;
            }
            return value;
        }

        /** A file argument: "-" or a name that does not start with '-'. */
        String positional(String arg) {
            if (inline != null || arg.startsWith("-") && !arg.equals("-")) {
                throw HandOver.INSTANCE;
            }
            return arg;
        }

        private void once(String name) {
            if (!seen.add(name)) {
                throw HandOver.INSTANCE;
            }
        }
    }

    /** Thrown where picocli must read the arguments: unwinds the parse; no stack trace to fill. */
    private static final class HandOver extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final HandOver INSTANCE = new HandOver();

        private HandOver() {
            super(null, null, false, false);
        }
    }
}
