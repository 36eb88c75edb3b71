package dev.saturn.cli.use;

import dev.saturn.analyzers.use.ResourceAnalyzers;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.cli.common.ExitCode;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.CgroupOption;
import dev.saturn.cli.options.ColorOption;
import dev.saturn.cli.options.ConfigOption;
import dev.saturn.cli.options.DisabledResources;
import dev.saturn.cli.options.DurationConverter;
import dev.saturn.cli.options.HostRoots;
import dev.saturn.cli.options.PerfOption;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.cli.output.Stdout;
import dev.saturn.cli.output.Terminal;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotException;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.report.ReportWriter;
import dev.saturn.report.json.JsonReportWriter;
import dev.saturn.report.json.UseReportJson;
import dev.saturn.report.text.BriefReportWriter;
import dev.saturn.report.text.TextReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "use", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Check this host by the USE method, with findings in plain words.",
            "",
            "For every resource (CPU, memory, each disk, each network "
                + "interface, TCP, each filesystem, file handles, tasks, saturn's own cgroup or --cgroup's) its "
                + "utilization, saturation and errors, measured over an interval, with a verdict (ok, warn, "
                + "crit) and, where this machine cannot measure a cell, the reason. Below the table: "
                + "findings in plain words, worst first, and the processes that used the most CPU. With "
                + "--drill-down, then a profile of the worst finding's resource, recorded with perf, and which "
                + "process and stack lead it.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn use                           # one 1-second checklist",
            "  saturn use 5 3                       # three 5-second reports, as vmstat 5 3",
            "  saturn use 1 --brief                 # a line a second until Ctrl-C, as iostat -x 1",
            "  saturn use --json | jq '.findings[].text'",
            "  saturn use --fail-on crit            # exit 3 when anything is critical",
            "  saturn use --drill-down              # then profile the worst finding: who, which stack",
            "  saturn use --drill-down=disk --for 30s   # the I/O processes' time blocked on the disk",
            "  saturn snapshot /tmp/a; sleep 10; saturn snapshot /tmp/b",
            "  saturn use --snapshot-pair /tmp/a /tmp/b",
            "  saturn use --proc-root /host/proc --sys-root /host/sys --root-fs /host   # the host, from a container",
            "  saturn use --cgroup /system.slice/nginx.service   # a service's limits and throttling",
            "",
            "Thresholds: docs/metrics.md. Override them with --config FILE, lines such as",
            "  utilization.warn = 80",
            "  disk.aqu_sz.crit = 20",
            "Page: docs/use.md."})
public final class UseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INTERVAL", converter = DurationConverter.class,
            description = "As vmstat's: seconds between reports (a bare number, or 500ms, 5s); without COUNT, reports until "
                    + "interrupted (Ctrl-C).")
    Duration intervalArgument;

    @Parameters(index = "1", arity = "0..1", paramLabel = "COUNT", description = "As vmstat's: how many reports.")
    Integer countArgument;

    @Option(names = "--interval", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Sampling interval (default 1s; e.g. 500ms, 5s), as INTERVAL.")
    Duration intervalOption;

    @Option(names = "--count", paramLabel = "N",
            description = "Number of reports, one per interval, as COUNT (default 1; with INTERVAL alone, until interrupted).")
    Integer countOption;

    @Option(names = "--brief", description = "One line per report: each resource's worst cell, the header again every "
            + "screenful (once into a file or pipe), for watching a host as with `iostat -x 1`.")
    boolean brief;

    @Option(names = "--json", description = "Print the report as JSON (one object per line when --count > 1).")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit with status 3 when a finding at or above LEVEL exists: ${COMPLETION-CANDIDATES}.")
    FailLevel failOn;

    @Option(names = "--drill-down", arity = "0..1", fallbackValue = "", paramLabel = "RESOURCE",
            description = "After the checklist, record the profile that fits the worst finding's resource, or RESOURCE's "
                    + "(--drill-down=disk), with perf: CPU samples of every CPU; for disk and io, time blocked on I/O (state D) of the processes "
                    + "doing I/O; for memory, page faults of the processes growing. Writes it beside the report and says which "
                    + "process and stack lead. Page: docs/drill-down.md.")
    String drillDown;

    @Option(names = "--for", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long --drill-down records (default 10s).")
    Duration drillFor;

    @Option(names = "--drill-down-dir", paramLabel = "DIR",
            description = "Where --drill-down writes its flame graph and folded stacks (default: the current directory).")
    Path drillDir;

    @Option(names = "--snapshot-pair", arity = "2", paramLabel = "DIR",
            description = "Analyze two snapshot trees (from `saturn snapshot`) instead of this host.")
    List<Path> snapshotPair;

    @Mixin
    PerfOption perf;

    @Mixin
    HostRoots roots;

    @Mixin
    DisabledResources disabled;

    @Mixin
    CgroupOption cgroup;

    @Mixin
    ConfigOption config;

    @Mixin
    ColorOption color;

    @Mixin
    VerboseOption verbose;

    public enum FailLevel {
        warn, crit
    }

    @Override
    public Integer call() throws Exception {
        Duration interval = interval();
        long count = count();
        if (brief && json) {
            throw new UserException("--brief is a line of text per report; --json is JSON: give one of them");
        }
        Thresholds thresholds = thresholds();
        UseAnalyzer analyzer = new UseAnalyzer(thresholds, disabled.resources());
        PrintWriter out = spec.commandLine().getOut();
        boolean colour = color.colour();
        Status worst = Status.OK;
        DrillDown drill = drillDown();
        String drillFailed = null;
        if (snapshotPair != null) {
            if (drill != null) {
                throw new UserException("--drill-down profiles this host now; it cannot be combined with --snapshot-pair");
            }
            if (roots.given() || countArgument != null || countOption != null || intervalArgument != null || intervalOption != null
                    || cgroup.given()) {
                throw new UserException("--snapshot-pair reads two trees; it cannot be combined with INTERVAL, COUNT, --interval, --count, --proc-root, --sys-root, --root-fs or --cgroup");
            }
            Snapshot before = tree(snapshotPair.get(0));
            Snapshot after = tree(snapshotPair.get(1));
            if (!(before.secondsUntil(after) > 0)) {
                throw new UserException("snapshot " + snapshotPair.get(1) + " is not later than " + snapshotPair.get(0)
                        + " (their TIMESTAMP files): give the earlier one first");
            }
            UseReport report = analyzer.analyze(new SnapshotPair(before, after, List.of()));
            print(report, out, writer(colour));
            worst = report.worst();
        } else {
            HostPaths paths = roots.live();
            String group = cgroup.check(paths);
            Terminal.Progress progress = Terminal.progress(spec.commandLine().getErr(), interval, !json);
            if (!progress.shown() && interval.compareTo(Duration.ofSeconds(1)) > 0) {
                // no countdown (stderr not a terminal, or --json): at least say how long this will take
                spec.commandLine().getErr().println("saturn: sampling for " + seconds(interval)
                        + (count == UNTIL_INTERRUPTED ? ", a report each time until interrupted"
                        : count > 1 ? ", " + count + " reports, " + seconds(interval.multipliedBy(count)) + " in all" : ""));
                spec.commandLine().getErr().flush();
            }
            try (LiveSampler sampler = new LiveSampler(paths, true, true, LiveSampler.RUNQ_PERIOD, Duration.ZERO, group)) {
                ReportWriter<UseReport> writer = writer(colour);
                for (long i = 0; i < count; i++) {
                    SnapshotPair pair = sampler.next(interval, progress::update);
                    progress.clear();
                    UseReport report = analyzer.analyze(pair);
                    if (i > 0 && !json && !brief) {
                        out.println();
                    }
                    boolean last = i == count - 1;
                    worst = Status.worst(worst, report.worst());
                    if (drill != null && last) {
                        drillFailed = printDrilled(report, pair, drill, out, colour);
                    } else {
                        print(report, out, writer);
                    }
                    if (out.checkError() || Stdout.failed()) {
                        break; // the reader is gone (| head -1) or the disk is full: no point sampling on
                    }
                }
            }
        }
        out.flush();
        if (drillFailed != null) {
            throw new UserException("drill-down: " + drillFailed);
        }
        return failOn != null && reaches(worst, failOn) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** The drill-down asked for, checked before any sampling; null without --drill-down. */
    private DrillDown drillDown() {
        if (drillDown == null) {
            if (drillFor != null || drillDir != null) {
                throw new UserException((drillFor != null ? "--for" : "--drill-down-dir") + " goes with --drill-down: add --drill-down");
            }
            return null;
        }
        Duration d = drillFor == null ? Duration.ofSeconds(10) : drillFor;
        Path dir = drillDir == null ? Path.of("").toAbsolutePath() : drillDir;
        DrillDown.checkDirectory(dir);
        String resource = drillDown.isBlank() ? null : drillDown.strip();
        if (resource != null && !ResourceAnalyzers.names().contains(resource)) {
            throw new UserException("--drill-down=" + resource + " is not a resource: give one of " + String.join(", ", ResourceAnalyzers.names())
                    + ", or --drill-down alone for the worst finding");
        }
        return new DrillDown(resource, d, dir, perf.command(), roots.live());
    }

    /**
     * The report, then the drill-down into its worst finding: text below the table as it is recorded, or one JSON object
     * with a "drill_down" member. Returns why the drill-down could not record, or null.
     */
    private String printDrilled(UseReport report, SnapshotPair pair, DrillDown drill, PrintWriter out, boolean colour) throws Exception {
        if (!json) {
            print(report, out, writer(colour));
            out.flush();
        }
        DrillDownResult result = drill.run(report, pair, spec.commandLine().getErr());
        if (json) {
            Map<String, Object> tree = new LinkedHashMap<>(UseReportJson.tree(report));
            tree.put("drill_down", result.json());
            UseReportJson.writeTree(tree, out);
            out.println();
        } else {
            out.println();
            result.lines().forEach(out::println);
        }
        return result.state() == DrillDownResult.State.UNAVAILABLE ? result.reason() : null;
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static boolean reaches(Status worst, FailLevel level) {
        return worst == Status.CRIT || (level == FailLevel.warn && worst == Status.WARN);
    }

    /** The --interval or INTERVAL given, else one second. */
    private Duration interval() {
        if (intervalArgument != null && intervalOption != null) {
            throw new UserException("the interval is given twice (INTERVAL and --interval): give one");
        }
        return intervalArgument != null ? intervalArgument : intervalOption != null ? intervalOption : Duration.ofSeconds(1);
    }

    private static final long UNTIL_INTERRUPTED = Long.MAX_VALUE;

    /** The --count or COUNT given; with INTERVAL alone, until interrupted, as vmstat 1; else one. */
    private long count() {
        if (countArgument != null && countOption != null) {
            throw new UserException("the count is given twice (COUNT and --count): give one");
        }
        Integer n = countArgument != null ? countArgument : countOption;
        if (n == null) {
            return intervalArgument != null && drillDown == null ? UNTIL_INTERRUPTED : 1;
        }
        if (n < 1) {
            throw new UserException((countArgument != null ? "COUNT" : "--count") + " must be at least 1, got " + n);
        }
        return n;
    }

    /** The writer of this run's reports: JSON, one line each (--brief), or the table. */
    private ReportWriter<UseReport> writer(boolean colour) {
        if (json) {
            return new JsonReportWriter();
        }
        if (brief) {
            Terminal.Size size = Terminal.size(1);
            // a screenful less the line the shell's prompt takes, as vmstat; once into a file or pipe
            return new BriefReportWriter(colour, size == null ? 0 : Math.max(2, size.rows() - 1), java.time.ZoneId.systemDefault());
        }
        return new TextReportWriter(colour, Terminal.columns(1));
    }

    private void print(UseReport report, PrintWriter out, ReportWriter<UseReport> writer) throws IOException {
        writer.write(out, report);
        if (json) {
            out.println();
        }
    }

    private static Snapshot tree(Path dir) {
        try {
            return SnapshotReader.tree(dir);
        } catch (SnapshotException e) {
            throw new UserException(e.getMessage());
        }
    }

    private Thresholds thresholds() {
        return config.thresholds();
    }
}
