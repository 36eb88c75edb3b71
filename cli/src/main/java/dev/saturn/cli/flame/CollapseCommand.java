package dev.saturn.cli.flame;

import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.input.FormatDetector;
import dev.saturn.flamegraph.input.StackReader;
import dev.saturn.flamegraph.parse.CountUnit;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrEvent;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.pprof.PprofOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "collapse", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Fold perf, JFR, pprof, DTrace, bpftrace... stacks into lines.",
            "",
            "One line per distinct stack, `frame;frame;...;leaf COUNT`, root first, sorted by byte order, "
                + "as stackcollapse-perf.pl prints them: the input of `saturn flamegraph`, flamegraph.pl, "
                + "inferno or speedscope.",
            "",
            "Inputs: perf script output (read as stackcollapse-perf.pl reads it, with the same options "
                + "and output, keeping the last sample of an input that lacks a final blank line), jstack "
                + "or jcmd Thread.print dumps (runnable threads, thread name as the root), JFR recordings "
                + "(--event), pprof profiles (gzip'd or not; --sample-type), DTrace and SystemTap stacks, bpftrace maps of "
                + "stacks, BCC profile and offcputime output, V8 .cpuprofile JSON, folded stacks and async-profiler's "
                + "collapsed output (merged). The format is "
                + "told from each input's first bytes unless --format says it. Reads the FILEs in turn, "
                + "or standard input when none is given or FILE is -.",
            ""},
        footer = {"",
            "Examples:",
            "  perf record -F 99 -a -g -- sleep 30",
            "  perf script | saturn collapse > out.folded",
            "  saturn collapse perf.txt | saturn flamegraph > cpu.svg",
            "  saturn collapse --all perf.txt    # kernel frames _[k], JIT frames _[j]",
            "  saturn collapse --pid perf.txt    # a root per process: java-4242;...",
            "  perf script -F comm,pid,tid,cpu,time,period,event,ip,sym,dso \\",
            "    | saturn collapse --tid           # a root per thread: java-4242/4250;...",
            "  saturn collapse --event-filter cycles perf.txt",
            "                                      one event, when perf recorded several",
            "  jstack 4242 > dump.txt; saturn collapse dump.txt",
            "  saturn collapse --sample-type cpu cpu.pprof   # Go's runtime/pprof",
            "  saturn collapse --event alloc rec.jfr \\",
            "    | saturn flamegraph --countname bytes > alloc.svg",
            "  saturn collapse --threads --thread '^worker-' --from 30s --to 40s rec.jfr",
            "",
            "Lines that do not parse are skipped and counted on standard error. Exit 2 when",
            "a FILE cannot be read, its format cannot be told, or no stack comes of it.",
            "Pages: docs/collapse.md, docs/stack-formats.md."})
public final class CollapseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Standard error when the fast path ({@link FastArguments}) set it, else picocli's. */
    PrintWriter err;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "Input format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: told from the "
                    + "first bytes of each input). folded also reads async-profiler's collapsed output.")
    Format format = Format.auto;

    @Option(names = "--event", defaultValue = "cpu", paramLabel = "KIND",
            description = "JFR events to collapse: cpu (samples), wall (samples, native included), alloc "
                    + "(bytes), lock (nanoseconds of monitor enter and park); default ${DEFAULT-VALUE}.")
    JfrKind event = JfrKind.cpu;

    @Option(names = "--sample-type", paramLabel = "TYPE",
            description = "pprof values that weigh the stacks, by sample type name (samples, cpu, delay, inuse_space) "
                    + "or index from 0 (default: the first; go tool pprof shows the last).")
    String sampleType;

    @Option(names = "--pid", description = "Process name with its PID as the root frame: comm-PID (refused for JFR: one process).")
    boolean pid;

    @Option(names = "--tid", description = "Process name with PID and thread ID as the root frame: comm-PID/TID; "
            + "for JFR, thread name and ID: name/TID.")
    boolean tid;

    @Option(names = "--kernel", description = "Append _[k] to kernel frames.")
    boolean kernel;

    @Option(names = "--jit", description = "Append _[j] to JIT frames (from /tmp/perf-PID.map or a jitdump's jitted-PID-N.so).")
    boolean jit;

    @Option(names = "--all", description = "Both --kernel and --jit.")
    boolean all;

    @Option(names = "--addrs", description = "Keep the address of frames without a symbol: [module <addr>].")
    boolean addrs;

    @Option(names = "--demangle", description = "perf input, beyond stackcollapse-perf.pl: keep the parentheses of C++ "
            + "templates, lambdas and operator() (std::function<int (int, int)>::operator()), demangle legacy Rust "
            + "symbols ($LT$, ::h<hash>).")
    boolean demangle;

    @Option(names = "--event-filter", paramLabel = "EVENT",
            description = "Keep samples of EVENT only (default: the first event type in the input; "
                    + "a warning names the others).")
    String eventFilter;

    @Mixin
    JfrFlags jfr;

    @Mixin
    VerboseOption verbose;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Stack samples (default: standard input).")
    List<String> files;

    /** The formats --format names. */
    public enum Format {
        auto, perf, folded, jstack, jfr, pprof, dtrace, stap, bpftrace, bcc, cpuprofile
    }

    /** The JFR event kinds --event names. */
    public enum JfrKind {
        cpu, wall, alloc, lock
    }

    private PrintWriter err() {
        return err != null ? err : spec.commandLine().getErr();
    }

    @Override
    public Integer call() throws IOException {
        List<String> names = files == null || files.isEmpty() ? List.of("-") : files;
        if (pid && format == Format.jfr) {
            throw new UserException("--pid: a JFR recording is one process, so it has a single root to give; "
                    + "--tid or --threads gives a root per thread");
        }
        List<InputStream> inputs = open(names);
        FlameInput.hintIfTerminal(names, err(), "stack samples (perf script, jstack, folded)");
        FoldedStacks stacks = new FoldedStacks();
        Warnings warnings = new Warnings();
        StackReader reader = reader(warnings);
        long invalid = 0;
        List<CountUnit> units = new ArrayList<>();
        StackFormat last = null;
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                StackReader.Read read = FlameInput.read(name, inputs.get(i), reader, stacks);
                if (!read.told()) {
                    throw new UserException(FormatDetector.cannotTell(FlameInput.display(name)));
                }
                last = read.format();
                jfr.check(name, last);
                if (pid && last == StackFormat.JFR) {
                    throw new UserException("--pid: a JFR recording is one process, so " + FlameInput.display(name)
                            + " has a single root to give; --tid or --threads gives a root per thread");
                }
                ParseStats stats = read.stats();
                invalid += stats.invalidLines();
                if (!stats.unit().samples() && !units.contains(stats.unit())) {
                    units.add(stats.unit());
                    warnings.ignored("note: " + stats.unit().describe() + (names.size() > 1 ? " in " + FlameInput.display(name) : "")
                            + "; draw them with saturn flamegraph --countname " + stats.unit().name());
                }
                if (stats.invalidLines() > 0) {
                    warnings.ignored(stats.invalidMessage() + (names.size() > 1 ? " of " + FlameInput.display(name) : ""));
                }
            }
        } finally {
            close(inputs);
        }
        if (stacks.size() == 0) {
            throw new UserException(nothing(names, invalid, last, warnings));
        }
        PrintWriter err = err();
        warnings.print(err);
        err.flush();
        // Folded stacks are bytes, one per input byte: written to the byte stream under stdout, not
        // through picocli's PrintWriter, which would re-encode names outside ASCII.
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        stacks.writeTo(out);
        out.flush();
        return 0;
    }

    /** Each input's format from --format, or told from its first bytes. */
    private StackReader reader(Warnings warnings) {
        JfrOptions jfrOptions = jfr.options(jfrEvent(), tid);
        StackReader reader = format == Format.auto ? StackReader.detecting(StackFormat.UNKNOWN, perfOptions(), jfrOptions, warnings)
                : StackReader.of(StackFormat.fromName(format.name()).orElseThrow(), perfOptions(), jfrOptions, warnings);
        return reader.pprof(new PprofOptions(sampleType));
    }

    private JfrEvent jfrEvent() {
        return JfrEvent.valueOf(event.name().toUpperCase(Locale.ROOT));
    }

    /** Why the inputs gave no stack at all: an empty output would pass for an idle process. */
    private String nothing(List<String> names, long invalid, StackFormat last, Warnings warnings) {
        String inputs = names.stream().map(FlameInput::display).collect(java.util.stream.Collectors.joining(", "));
        if (warnings.first() != null) {
            return "no stack in " + inputs + ": " + warnings.first();
        }
        if (invalid > 0) {
            return "no stack in " + inputs + ": " + invalid + " line" + (invalid == 1 ? "" : "s") + " did not parse as "
                    + last.cliName() + (format == Format.auto ? "" : "; is --format " + format + " right? (auto tells it from the first bytes)");
        }
        if (last == StackFormat.JFR) {
            JfrEvent kind = jfrEvent();
            String filters = jfr.describeFilters();
            if (!filters.isEmpty()) {
                return "no stack in " + inputs + filters + ": no " + String.join(" or ", kind.eventTypes())
                        + " event (--event " + event + ") there";
            }
            return "no stack in " + inputs + ": the recording holds no " + String.join(" or ", kind.eventTypes())
                    + " event (--event " + event + "); try another --event, or record with settings=profile";
        }
        return "no stack in " + inputs + ": the input holds no stack samples";
    }

    private PerfCollapseOptions perfOptions() {
        return new PerfCollapseOptions(pid, tid, kernel, jit, all, addrs, eventFilter, null, demangle);
    }

    /**
     * Parser warnings, kept until the end: printed as "saturn: warning: ..." lines under a result, or
     * made the one-line reason when there is none. A class rather than a lambda, for a fast start.
     */
    private static final class Warnings implements Consumer<String> {
        private final List<String> lines = new ArrayList<>();
        private String first;

        @Override
        public void accept(String message) {
            if (first == null) {
                first = message;
            }
            lines.add("saturn: warning: " + message);
        }

        void ignored(String message) {
            lines.add("saturn: " + message);
        }

        String first() {
            return first;
        }

        void print(PrintWriter err) {
            for (String line : lines) {
                err.println(line);
            }
        }
    }

    /** Opens every input before reading any, so that a missing file leaves no partial output. */
    private static List<InputStream> open(List<String> names) {
        List<InputStream> inputs = new ArrayList<>();
        try {
            for (String name : names) {
                inputs.add(FlameInput.open(name));
            }
        } catch (UserException e) {
            close(inputs);
            throw e;
        }
        return inputs;
    }

    private static void close(List<InputStream> inputs) {
        for (InputStream in : inputs) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was written to it; the parse's result or error is what matters
            }
        }
    }
}
