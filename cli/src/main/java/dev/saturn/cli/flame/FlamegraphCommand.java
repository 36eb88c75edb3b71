package dev.saturn.cli.flame;

import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.cli.output.OutputFile;
import dev.saturn.cli.output.Stdout;
import dev.saturn.cli.output.Terminal;
import dev.saturn.flamegraph.input.StackReader;
import dev.saturn.flamegraph.parse.CountUnit;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrEvent;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.html.HtmlRenderer;
import dev.saturn.flamegraph.json.D3JsonWriter;
import dev.saturn.flamegraph.json.SpeedscopeWriter;
import dev.saturn.flamegraph.parse.pprof.PprofOptions;
import dev.saturn.flamegraph.pprof.PprofWriter;
import dev.saturn.flamegraph.pprof.SampleType;
import dev.saturn.flamegraph.svg.FrameColors;
import dev.saturn.flamegraph.svg.NameAttributes;
import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.PaletteMap;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.SiblingOrder;
import dev.saturn.flamegraph.tree.StackFilter;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "flamegraph", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Draw a flame graph (SVG, HTML), or JSON, pprof, speedscope.",
            "",
            "Input: lines `frame;frame;leaf COUNT` (from `saturn collapse` or any stackcollapse "
                + "script), from the FILEs in turn or from stdin. Two counts per line (`stack BEFORE AFTER`, from "
                + "`saturn diff-folded`) make a differential graph: width from AFTER, red grew, blue shrank, "
                + "every frame with its delta, the first column scaled to the second's total (stated in the "
                + "subtitle). perf script, jstack, JFR and pprof inputs are told from their first bytes and read as "
                + "`saturn collapse` reads them. Options keep flamegraph.pl's names and defaults.",
            "",
            "In the SVG: hover for counts, click to zoom, Ctrl-F (or F3) to search with a regular "
                + "expression, Ctrl-I for case; search and zoom are kept in the URL. The HTML page (--format html, "
                + "or -o NAME.html) draws on a canvas: as the SVG, plus an icicle toggle, the callers and callees of "
                + "a function merged, and a table of functions by self and total count; it keeps every frame.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn collapse perf.txt | saturn flamegraph > cpu.svg",
            "  saturn flamegraph --countname bytes malloc.folded -o malloc.svg",
            "  saturn flamegraph --colors java --minwidth 0.5%% app.folded > app.svg",
            "  saturn flamegraph --reverse --callers '^epoll_wait$' cpu.folded > c.svg",
            "  saturn flamegraph --exclude 'swapper|idle' --collapse-recursion cpu.folded",
            "  saturn flamegraph --flamechart --inverted trace.folded > chart.svg",
            "  saturn diff-folded before.folded after.folded | saturn flamegraph > d.svg",
            "  saturn flamegraph big.folded -o big.html                # canvas page, any size",
            "  saturn flamegraph --format json cpu.folded > cpu.json   # d3-flame-graph",
            "  saturn flamegraph perf.txt -o cpu.pb.gz    # go tool pprof -top cpu.pb.gz",
            "  saturn flamegraph cpu.folded -o cpu.speedscope.json    # speedscope",
            "  saturn flamegraph cpu.pprof > cpu.svg      # a pprof profile in",
            "",
            "Exit 2 when a file is missing or no valid stack is left; invalid lines",
            "are counted and reported once per file. Page: docs/flamegraph.md."})
public final class FlamegraphCommand implements Callable<Integer> {
    /** Threads that read one big folded file, a part each: more than four merge more than they save. */
    private static final int PARTS = Math.min(4, Runtime.getRuntime().availableProcessors());

    @Spec
    CommandSpec spec;

    /** Standard error when the fast path ({@link FastArguments}) set it, else picocli's. */
    PrintWriter err;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Folded stack files, read in turn; none or '-' reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout (- for stdout even when it is a terminal).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "svg, html (a canvas page, for profiles of any size), json (d3-flame-graph's {name, value, children}), "
                    + "pprof (gzip'd profile.proto, for go tool pprof) or speedscope; default from the -o name (.html or .htm, "
                    + ".json, .pb.gz or .pprof, .speedscope.json), else svg.")
    OutputFormat format;

    @Option(names = "--sample-type", paramLabel = "TYPE",
            description = "For a pprof input: the sample type that weighs the stacks, by name (samples, cpu, delay, "
                    + "inuse_space) or index from 0 (default: the first).")
    String sampleType;

    @Option(names = "--event", defaultValue = "cpu", paramLabel = "KIND",
            description = "For a .jfr input: cpu (default), wall, alloc (bytes) or lock (nanoseconds), as `saturn collapse --event`.")
    CollapseCommand.JfrKind event = CollapseCommand.JfrKind.cpu;

    @Mixin
    RenderOptions render;

    @Mixin
    StackOptions stacks;

    @Mixin
    JfrFlags jfr;

    @Mixin
    VerboseOption verbose;

    /** What the command writes; {@link #of} picks one from an output file's name. */
    public enum OutputFormat {
        svg, html, json, pprof, speedscope;

        /** The format asked for, else the one the -o name ends with, else svg. */
        static OutputFormat of(OutputFormat asked, Path output) {
            if (asked != null) {
                return asked;
            }
            String name = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return html;
            }
            if (name.endsWith(".pb.gz") || name.endsWith(".pprof") || name.endsWith(".pb")) {
                return pprof;
            }
            if (name.endsWith(".speedscope.json") || name.endsWith(".speedscope")) {
                return speedscope;
            }
            return name.endsWith(".json") ? json : svg;
        }

        /** "an SVG", "JSON", "a pprof profile": what a message says is not written to a terminal. */
        String what() {
            return switch (this) {
                case svg -> "an SVG";
                case html -> "an HTML page";
                case json -> "JSON";
                case pprof -> "a pprof profile";
                case speedscope -> "a speedscope profile";
            };
        }

        /** A file name for the example in that message. */
        String example() {
            return switch (this) {
                case svg -> "flame.svg";
                case html -> "flame.html";
                case json -> "flame.json";
                case pprof -> "flame.pb.gz";
                case speedscope -> "flame.speedscope.json";
            };
        }

        /** Drawn with {@link SvgOptions} (palette, titles, counts), rather than written as data. */
        boolean drawn() {
            return this == svg || this == html;
        }
    }

    private JfrEvent jfrEvent() {
        return JfrEvent.valueOf(event.name().toUpperCase(Locale.ROOT));
    }

    /** The format of the input read last, for the message when nothing came of it. */
    private StackFormat lastFormat;

    /** What the counts are: samples, unless perf script input carried periods to sum. */
    private CountUnit unit = CountUnit.SAMPLES;

    private PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }

    @Override
    public Integer call() throws IOException {
        format = OutputFormat.of(format, output);
        if (output == null && Terminal.isTerminal(1)) {
            throw new UserException("not writing " + format.what() + " into the terminal: give -o FILE (e.g. -o "
                    + format.example() + "), or redirect: > " + format.example());
        }
        if (format == OutputFormat.html) {
            render.refuseForHtml();
        }
        if (event != CollapseCommand.JfrKind.cpu && event != CollapseCommand.JfrKind.wall && render.look.countName.equals("samples")) {
            render.look.countName = jfrEvent().unit();
        }
        TreeOptions treeOptions = stacks.treeOptions();
        PaletteMap paletteMap = format.drawn() ? render.paletteMap() : null;
        SvgOptions svgOptions = format.drawn() ? render.svgOptions(paletteMap, format) : null;
        FrameTreeBuilder builder = new FrameTreeBuilder(treeOptions);
        ParseStats read = readAll(builder);
        if (svgOptions != null && !unit.samples() && render.look.countName.equals("samples")) {
            render.look.countName = unit.name();
            render.look.subtitle = render.look.subtitle == null || render.look.subtitle.isEmpty() ? unit.describe()
                    : render.look.subtitle + " \u2014 " + unit.describe();
            svgOptions = render.svgOptions(paletteMap, format);
        }
        FrameTree tree = builder.build();
        if (tree.differential() && (format == OutputFormat.pprof || format == OutputFormat.speedscope)) {
            throw new UserException("a differential profile has two counts per stack, which " + format
                    + " cannot hold: draw it as svg, html or json, or give " + format + " one profile");
        }
        double actual = tree.width(tree.root());
        if (!(actual > 0)) {
            throw new UserException(builder.stacks() == 0
                    ? "no stack left after " + stacks.describeFilters() + " (" + read.stacks() + " valid lines read)"
                    : "every count is 0: nothing to draw");
        }
        double total = render.total();
        if (svgOptions != null && total > 0 && total < actual && total / actual > 0.02) {
            err().println("saturn: --total " + plain(total) + " is less than the actual total "
                    + plain(actual) + "; ignored");
        }
        if (output == null || output.toString().equals("-")) {
            try (OutputStream out = Stdout.unclosable()) {
                write(tree, svgOptions, out);
            }
        } else {
            try (OutputFile file = OutputFile.create(output, format.example())) {
                try {
                    write(tree, svgOptions, file.stream());
                } catch (IOException e) {
                    throw OutputFile.cannotWrite(output, e);
                }
                file.commit();
            }
        }
        if (paletteMap != null) {
            try (OutputStream out = Files.newOutputStream(render.paletteFile())) {
                paletteMap.write(out);
            } catch (IOException e) {
                throw new UserException("cannot write palette map " + render.paletteFile() + ": " + OutputFile.reason(e));
            }
        }
        return 0;
    }

    /** Reads every input into the builder; reports invalid lines once per input; fails when nothing valid was read. */
    private ParseStats readAll(FrameTreeBuilder builder) throws IOException {
        List<String> inputs = files.isEmpty() ? List.of("-") : files;
        FlameInput.hintIfTerminal(inputs, err(), "folded stacks");
        PrintWriter err = err();
        StackReader reader = StackReader.detecting(StackFormat.FOLDED, PerfCollapseOptions.defaults(), jfr.options(jfrEvent(), false),
                w -> err.println("saturn: warning: " + w)).pprof(new PprofOptions(sampleType));
        ParseStats total = ParseStats.clean(0);
        List<String> warnings = new ArrayList<>();
        for (String input : inputs) {
            ParseStats r;
            FileChannel file = inputs.size() == 1 ? FlameInput.regularFile(input) : null;
            if (file != null) {
                try {
                    r = checked(input, FlameInput.read(input, file, reader, builder, PARTS));
                } finally {
                    FlameInput.closeUnlessStdin(input, file);
                }
            } else {
                try (InputStream in = FlameInput.open(input)) {
                    r = readStacks(input, in, reader, builder);
                } catch (IOException e) {
                    throw FlameInput.readError(input, e);
                }
            }
            if (r.invalidLines() > 0) {
                warnings.add(label(input) + ": " + r.invalidMessage());
            }
            total = total.plus(r);
        }
        if (total.stacks() == 0) {
            List<String> labels = new ArrayList<>();
            for (String input : inputs) {
                labels.add(label(input));
            }
            String what = String.join(", ", labels);
            if (lastFormat == StackFormat.JFR && total.invalidLines() == 0) {
                throw new UserException("no stack in " + what + jfr.describeFilters() + ": the recording holds no " + String.join(" or ", jfrEvent().eventTypes())
                        + " event (--event " + event + "); try another --event, or record with settings=profile");
            }
            throw new UserException("no valid stack in " + what + (total.invalidLines() > 0 ? " (" + total.invalidMessage() + ")"
                    : ": the input is empty") + "; expected lines such as `main;work;leaf 42`");
        }
        for (String w : warnings) {
            err.println("saturn: " + w);
        }
        err.flush();
        return total;
    }

    /**
     * One input into the builder: folded stacks as they are; perf script, jstack dumps and JFR
     * recordings, told from their first bytes, collapsed on the way in with the defaults of
     * `saturn collapse`. Inputs whose counts are of different units cannot share a graph.
     */
    private ParseStats readStacks(String input, InputStream in, StackReader reader, FrameTreeBuilder builder) {
        return checked(input, FlameInput.read(input, in, reader, builder));
    }

    /** What one input gave: its format noted, its unit checked against the other inputs'. */
    private ParseStats checked(String input, StackReader.Read read) {
        lastFormat = read.format();
        jfr.check(input, lastFormat);
        ParseStats stats = read.stats();
        if (!stats.unit().samples()) {
            if (!unit.samples() && !unit.equals(stats.unit())) {
                throw new UserException("the inputs count different things (" + unit.describe() + "; " + stats.unit().describe()
                        + "): draw them apart");
            }
            unit = stats.unit();
        }
        return stats;
    }

    private void write(FrameTree tree, SvgOptions svgOptions, OutputStream out) throws IOException {
        switch (format) {
            case svg -> SvgRenderer.render(tree, svgOptions, out);
            case html -> HtmlRenderer.render(tree, svgOptions, out);
            case json -> D3JsonWriter.write(tree, out);
            case pprof -> PprofWriter.write(tree, SampleType.of(countName(), kind()), out);
            case speedscope -> SpeedscopeWriter.write(tree, render.look.title != null ? render.look.title
                    : files.isEmpty() ? "stdin" : String.join(", ", files), countName(), out);
        }
    }

    /** What the counts are: --countname, else what the input says (ns of cpu-clock, nanoseconds of a pprof cpu profile). */
    private String countName() {
        return render.look.countName.equals("samples") && !unit.samples() ? unit.name() : render.look.countName;
    }

    /** What was recorded, for a pprof sample type: the perf event or pprof type of the input, the JFR event, or not known. */
    private String kind() {
        if (!unit.samples()) {
            return unit.event();
        }
        return event == CollapseCommand.JfrKind.cpu ? null : event.name();
    }

    private static String label(String input) {
        return input.equals("-") ? "stdin" : input;
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** How the graph looks: flamegraph.pl's options, by its names and with its defaults. */
    public static final class RenderOptions {
        @ArgGroup(validate = false, heading = "%nAppearance (flamegraph.pl's options):%n")
        Look look = new Look();

        @ArgGroup(validate = false, heading = "%nColours:%n")
        Colours colours = new Colours();

        @ArgGroup(validate = false, heading = "%nCounts:%n")
        Counts counts = new Counts();

        static final class Look {
            @Option(names = "--title", paramLabel = "TEXT",
                    description = "Title (default: Flame Graph; Icicle Graph with --inverted; Flame Chart with --flamechart).")
            String title;

            @Option(names = "--subtitle", paramLabel = "TEXT", description = "Second line under the title.")
            String subtitle;

            @Option(names = "--width", paramLabel = "PX", defaultValue = "1200", description = "Image width (default ${DEFAULT-VALUE}).")
            int width = 1200;

            @Option(names = "--height", paramLabel = "PX", defaultValue = "16", description = "Height of each frame row (default ${DEFAULT-VALUE}).")
            int height = 16;

            @Option(names = "--minwidth", paramLabel = "PX|P%",
                    description = "Omit frames narrower than this many pixels (at --width), or than this %% of the total "
                            + "(default 0.1 for the SVG, 0 for HTML: every frame, shown when zoomed to).")
            String minWidth;

            @Option(names = "--fonttype", paramLabel = "FONT", defaultValue = "Verdana", description = "Font family (default ${DEFAULT-VALUE}).")
            String fontType = "Verdana";

            @Option(names = "--fontsize", paramLabel = "PX", defaultValue = "12", description = "Font size (default ${DEFAULT-VALUE}).")
            double fontSize = 12;

            @Option(names = "--fontwidth", paramLabel = "RATIO", defaultValue = "0.59",
                    description = "Average character width / font size, to fit labels (default ${DEFAULT-VALUE}).")
            double fontWidth = 0.59;

            @Option(names = "--countname", paramLabel = "TEXT", defaultValue = "samples",
                    description = "What the counts are (default ${DEFAULT-VALUE}; e.g. bytes, ms).")
            String countName = "samples";

            @Option(names = "--nametype", paramLabel = "TEXT", defaultValue = "Function:",
                    description = "Label before the name in the info bar (default ${DEFAULT-VALUE}).")
            String nameType = "Function:";

            @Option(names = "--inverted", description = "Icicle graph: the root at the top.")
            boolean inverted;

            @Option(names = "--notes", paramLabel = "TEXT", description = "Text for a comment in the SVG or HTML.")
            String notes;

            @Option(names = "--nameattr", paramLabel = "FILE",
                    description = "Per-function attributes: NAME<TAB>key=value<TAB>... (title, href, target, class, id, ...).")
            Path nameAttr;

            @Option(names = "--encoding", paramLabel = "CHARSET", description = "Encoding of the SVG (default UTF-8).")
            String encoding;
        }

        static final class Colours {
            @Option(names = {"--colors", "--color"}, paramLabel = "PALETTE", defaultValue = "hot",
                    description = "hot (default), mem, io, wakeup, java, js, perl, chain, red, green, blue, aqua, yellow, purple, orange.")
            String palette = "hot";

            @Option(names = "--bgcolors", paramLabel = "COLOR",
                    description = "Background: yellow, blue, green, grey gradients or #rrggbb (default by palette).")
            String background;

            @Option(names = "--hash", description = "Colour by a hash of the name (stable across graphs).")
            boolean hash;

            @Option(names = "--random", description = "Random colours (the output is then not reproducible).")
            boolean random;

            @Option(names = "--cp", description = "Consistent palette: read and update ./palette.map.")
            boolean consistent;

            @Option(names = "--palette-map", paramLabel = "FILE", description = "The palette map for --cp (implies --cp).")
            Path paletteFile;
        }

        static final class Counts {
            @Option(names = "--total", paramLabel = "N",
                    description = "The count that fills the width, to give several graphs one scale (ignored when smaller than the sum).")
            Double total;

            @Option(names = "--factor", paramLabel = "F", defaultValue = "1", description = "Multiply the counts shown (default ${DEFAULT-VALUE}).")
            double factor = 1;

            @Option(names = "--negate", description = "Differential: swap the hues (red = first column larger).")
            boolean negate;
        }

        /** The count that fills the width, 0 for the sum of the counts. */
        double total() {
            return counts.total == null ? 0 : counts.total;
        }

        /** The options the SVG has and the HTML page does not: refused with one line each. */
        void refuseForHtml() {
            if (look.nameAttr != null) {
                throw new UserException("--nameattr is for the SVG: the HTML page has no per-function attributes");
            }
            if (look.encoding != null) {
                throw new UserException("--encoding is for the SVG: the HTML page is always UTF-8");
            }
        }

        /** Checked options; {@code map} is the consistent palette, or null. */
        SvgOptions svgOptions(PaletteMap map, OutputFormat as) {
            String minWidth = look.minWidth != null ? look.minWidth : as == OutputFormat.html ? "0" : "0.1";
            Palette palette = Palette.fromName(colours.palette).orElse(null);
            if (palette == null) {
                throw new UserException("unknown palette '" + colours.palette + "': use hot, mem, io, wakeup, java, js, perl, "
                        + "chain, red, green, blue, aqua, yellow, purple or orange");
            }
            if (colours.hash && colours.random) {
                throw new UserException("--hash and --random exclude each other");
            }
            if (look.notes != null && look.notes.length() > 100_000) {
                throw new UserException("--notes is too long");
            }
            try {
                SvgOptions.Builder b = SvgOptions.builder()
                        .title(look.title).subtitle(look.subtitle).width(look.width).frameHeight(look.height)
                        .minWidth(minWidth).fontType(look.fontType).fontSize(look.fontSize).fontWidth(look.fontWidth)
                        .countName(look.countName).nameType(look.nameType).inverted(look.inverted).notes(look.notes)
                        .palette(palette).background(colours.background)
                        .hue(colours.hash ? FrameColors.Hue.HASH : colours.random ? FrameColors.Hue.RANDOM : FrameColors.Hue.NAME)
                        .paletteMap(map).total(total()).factor(counts.factor).negate(counts.negate)
                        .encoding(charset());
                if (look.nameAttr != null) {
                    b.nameAttributes(nameAttributes(look.nameAttr));
                }
                return b.build();
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
        }

        private Charset charset() {
            if (look.encoding == null) {
                return java.nio.charset.StandardCharsets.UTF_8;
            }
            try {
                Charset c = Charset.forName(look.encoding);
                if (!c.canEncode()) {
                    throw new UserException("--encoding " + look.encoding + " cannot be written");
                }
                return c;
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UserException("unknown --encoding '" + look.encoding + "' (e.g. UTF-8, ISO-8859-1)");
            }
        }

        private static NameAttributes nameAttributes(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                return NameAttributes.read(in);
            } catch (NoSuchFileException e) {
                throw new UserException("cannot read --nameattr " + file + ": no such file");
            } catch (IOException e) {
                throw new UserException("cannot read --nameattr " + file + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UserException("--nameattr " + file + ": " + e.getMessage());
            }
        }

        Path paletteFile() {
            return colours.paletteFile != null ? colours.paletteFile : Path.of("palette.map");
        }

        /** The palette map to use (--cp), read from its file when it exists; null without --cp. */
        PaletteMap paletteMap() {
            if (!colours.consistent && colours.paletteFile == null) {
                return null;
            }
            Path file = paletteFile();
            if (!Files.exists(file)) {
                return PaletteMap.empty();
            }
            try (InputStream in = Files.newInputStream(file)) {
                return PaletteMap.read(in);
            } catch (IOException e) {
                throw new UserException("cannot read palette map " + file + ": " + e.getMessage());
            }
        }
    }

    /** Which stacks, in which order: flamegraph.pl's --reverse and --flamechart, plus filters and views. */
    public static final class StackOptions {
        @ArgGroup(validate = false, heading = "%nStacks:%n")
        Shape shape = new Shape();

        static final class Shape {
            @Option(names = "--reverse", description = "Reverse each stack (leaf first) before merging.")
            boolean reverse;

            @Option(names = "--flamechart", description = "Flame chart: keep input order (x is time), merge only consecutive stacks.")
            boolean flameChart;

            @Option(names = "--sort", paramLabel = "ORDER", defaultValue = "name",
                    description = "Siblings by name (default, as flamegraph.pl) or by weight (heaviest first).")
            String sort = "name";

            @Option(names = "--include", paramLabel = "REGEX", description = "Keep only stacks with a frame matching REGEX (repeatable).")
            List<String> include = new ArrayList<>();

            @Option(names = "--exclude", paramLabel = "REGEX", description = "Drop stacks with a frame matching REGEX (repeatable).")
            List<String> exclude = new ArrayList<>();

            @Option(names = "--match-on", paramLabel = "SCOPE", defaultValue = "frame",
                    description = "What --include/--exclude match: frame (default; any one frame) or stack (the whole 'a;b;c').")
            String matchOn = "frame";

            @Option(names = "--callers", paramLabel = "REGEX",
                    description = "Only the paths that lead to a matching function, cut after it (with --reverse: a caller graph).")
            String callers;

            @Option(names = "--callees", paramLabel = "REGEX", description = "Only what a matching function calls, with it as the root.")
            String callees;

            @Option(names = "--collapse-recursion", description = "Merge runs of the same frame (f;f;f becomes f).")
            boolean collapseRecursion;

            @Option(names = "--normalize", negatable = true, defaultValue = "true", fallbackValue = "true",
                    description = "Differential: scale the first column to the second's total before taking deltas (default on).")
            boolean normalize = true;
        }

        TreeOptions treeOptions() {
            SiblingOrder order;
            switch (shape.sort.toLowerCase(Locale.ROOT)) {
                case "name" -> order = SiblingOrder.NAME;
                case "weight" -> order = SiblingOrder.WEIGHT;
                default -> throw new UserException("--sort takes name or weight, got '" + shape.sort + "'");
            }
            if (shape.flameChart) {
                if (order == SiblingOrder.WEIGHT) {
                    throw new UserException("--sort weight cannot be combined with --flamechart: a flame chart keeps input order");
                }
                order = SiblingOrder.INPUT;
            }
            StackFilter.Scope scope = switch (shape.matchOn.toLowerCase(Locale.ROOT)) {
                case "frame" -> StackFilter.Scope.FRAME;
                case "stack" -> StackFilter.Scope.STACK;
                default -> throw new UserException("--match-on takes frame or stack, got '" + shape.matchOn + "'");
            };
            StackFilter.Builder f = StackFilter.builder().scope(scope).reverse(shape.reverse).collapseRecursion(shape.collapseRecursion);
            for (String re : shape.include) {
                f.include(regex("--include", re));
            }
            for (String re : shape.exclude) {
                f.exclude(regex("--exclude", re));
            }
            if (shape.callers != null) {
                f.callers(regex("--callers", shape.callers));
            }
            if (shape.callees != null) {
                f.callees(regex("--callees", shape.callees));
            }
            return new TreeOptions(order, f.build(), shape.normalize);
        }

        String describeFilters() {
            List<String> used = new ArrayList<>();
            if (!shape.include.isEmpty()) {
                used.add("--include");
            }
            if (!shape.exclude.isEmpty()) {
                used.add("--exclude");
            }
            if (shape.callers != null) {
                used.add("--callers");
            }
            if (shape.callees != null) {
                used.add("--callees");
            }
            return used.isEmpty() ? "reading" : String.join("/", used);
        }

        private static Pattern regex(String option, String re) {
            try {
                return Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                throw new UserException(option + " '" + re + "' is not a valid regular expression: " + e.getDescription());
            }
        }
    }
}
