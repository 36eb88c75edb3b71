package dev.saturn.cli.use;

import dev.saturn.analyzers.use.Finding;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.output.OutputFile;
import dev.saturn.cli.output.ProfileWait;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.perf.PerfEvent;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.ProcessTableReader;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import dev.saturn.profiling.ProfileEvent;
import dev.saturn.profiling.StackRecording;
import dev.saturn.profiling.drill.DrillLead;
import dev.saturn.profiling.drill.DrillPlan;
import dev.saturn.profiling.drill.DrillPlans;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * `saturn use --drill-down`: after the checklist, the worst finding's resource gets the profile that fits it
 * ({@link DrillPlans}: off CPU for the processes doing I/O, page faults for those growing, else every CPU), recorded
 * with perf for a while and written beside the report as a flame graph and folded stacks, with what leads it.
 */
final class DrillDown {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int FREQUENCY = 99;

    private final String resource;
    private final Duration duration;
    private final Path directory;
    private final String perf;
    private final HostPaths paths;

    /** @param resource the resource to drill into (--drill-down=disk), or null for the worst finding's */
    DrillDown(String resource, Duration duration, Path directory, String perf, HostPaths paths) {
        this.resource = resource;
        this.duration = duration;
        this.directory = directory;
        this.perf = perf;
        this.paths = paths;
    }

    DrillDownResult run(UseReport report, SnapshotPair pair, PrintWriter err) throws InterruptedException {
        Finding worst = chosen(report);
        if (worst == null) {
            return DrillDownResult.noFinding();
        }
        DrillPlan plan = plan(worst, pair, report.intervalSeconds());
        PerfEvent event = plan.event().perf().orElseThrow();
        var refused = PerfRecorder.unavailable(perf, plan.systemWide());
        if (refused.isPresent()) {
            return DrillDownResult.unavailable(worst, plan, refused.get());
        }
        String base = "saturn-drill-" + STAMP.format(Instant.now()) + "-" + slug(plan.subject());
        Path svg = directory.resolve(base + ".svg");
        Path folded = directory.resolve(base + ".folded");
        try (OutputFile svgOut = OutputFile.create(svg, "drill.svg"); OutputFile foldedOut = OutputFile.create(folded, "drill.folded")) {
            FoldedStacks stacks = new FoldedStacks();
            FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
            double[] total = {0};
            StackSink both = (stack, weight) -> {
                stacks.accept(stack, weight);
                tree.add(stack, weight);
                total[0] += weight;
            };
            String how = StackRecording.perfMethod(event, FREQUENCY);
            err.println("saturn: drill-down: " + plan.why());
            err.flush();
            ProfileWait.Result waited;
            try {
                waited = StackRecording.perf(new PerfRecorder.Request(perf, plan.pids(), FREQUENCY, event), plan.collapse(),
                        () -> plan.jvms(), done -> {
                            err.println("saturn: drill-down: recording " + plan.target() + " for " + ProfileWait.seconds(duration) + " with " + how + "...");
                            err.flush();
                            return ProfileWait.await(duration, done, err);
                        }, both, w -> err.println("saturn: drill-down: warning: " + w));
            } catch (ProfilingException | IOException e) {
                return DrillDownResult.unavailable(worst, plan, e.getMessage());
            }
            String ended = waited.end() == ProfileWait.End.DURATION ? "" : waited.end().why;
            if (total[0] == 0) {
                return DrillDownResult.unavailable(worst, plan, "no samples in " + ProfileWait.seconds(waited.waited()) + ": "
                        + plan.target() + " had no " + plan.unit() + " while recorded; try a longer --for");
            }
            FrameTree built = tree.build();
            SvgOptions options = SvgOptions.builder()
                    .title(plan.event().perfTitle() + plan.target())
                    .subtitle(plan.why() + "; " + how + ", " + ProfileWait.seconds(waited.waited()) + (ended.isEmpty() ? "" : ", ended early by " + ended))
                    .countName(event.countName()).palette(plan.event().perfPalette()).build();
            try {
                SvgRenderer.render(built, options, svgOut.stream());
                stacks.writeTo(foldedOut.stream());
            } catch (IOException e) {
                throw OutputFile.cannotWrite(svg, e);
            }
            svgOut.commit();
            foldedOut.commit();
            return new DrillDownResult(DrillDownResult.State.RECORDED, null, worst, plan, waited.waited().toMillis() / 1000.0,
                    svg, folded, total[0], plan.unit(), DrillLead.of(built).orElse(null), ended);
        }
    }

    /**
     * The worst finding (the report lists them worst first), or the first of the resource asked for; when that
     * resource has no finding, its first row, named as such: the user asked for it.
     */
    private Finding chosen(UseReport report) {
        for (Finding f : report.findings()) {
            if (resource == null || f.resource().equals(resource)) {
                return f;
            }
        }
        if (resource == null) {
            return null;
        }
        for (var row : report.resources()) {
            if (row.resource().equals(resource)) {
                String subject = row.device() == null ? resource : resource + " " + row.device();
                return new Finding(row.worst(), resource, row.device(), subject + ": no finding (asked for with --drill-down=" + resource + ")");
            }
        }
        return new Finding(dev.saturn.analyzers.use.Status.UNAVAILABLE, resource, null, resource + ": not in this report (disabled, or absent here)");
    }

    /** Checked before the report is taken, so that a directory that cannot be written fails at once. */
    static void checkDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new UserException("--drill-down-dir " + directory + " is not a directory: create it, or give another");
        }
        if (!Files.isWritable(directory)) {
            throw new UserException("--drill-down-dir " + directory + " is not writable: give a directory you can write");
        }
    }

    /** From the report's own process tables; a fresh second of them when the report has none. */
    private DrillPlan plan(Finding worst, SnapshotPair pair, double seconds) throws InterruptedException {
        Reading<ProcessTable> before = pair.before().processes();
        Reading<ProcessTable> after = pair.after().processes();
        if (before.isAvailable() && after.isAvailable()) {
            return DrillPlans.of(worst.resource(), worst.device(), before.value(), after.value(), seconds);
        }
        Reading<ProcessTable> first = ProcessTableReader.read(paths);
        Thread.sleep(1000);
        Reading<ProcessTable> second = ProcessTableReader.read(paths);
        ProcessTable empty = new ProcessTable(List.of(), Reading.of(java.util.Map.of()), Reading.of(false));
        return DrillPlans.of(worst.resource(), worst.device(), first.isAvailable() ? first.value() : empty,
                second.isAvailable() ? second.value() : empty, 1.0);
    }


    private static String slug(String subject) {
        String s = subject.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "root" : s;
    }

}
