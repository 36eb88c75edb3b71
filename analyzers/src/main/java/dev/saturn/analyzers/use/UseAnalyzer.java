package dev.saturn.analyzers.use;

import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Two snapshots into the USE checklist. Pure: the same pair always gives the same report. */
public final class UseAnalyzer {
    private static final int TOP_PROCESSES = 5;
    private final Thresholds thresholds;
    private final List<ResourceAnalyzer> enabled;

    public UseAnalyzer(Thresholds thresholds) {
        this(thresholds, Set.of());
    }

    /** {@code disabled}: resources left out of the report, by their names in {@link ResourceAnalyzers#names()}. */
    public UseAnalyzer(Thresholds thresholds, Set<String> disabled) {
        for (String resource : disabled) {
            if (!ResourceAnalyzers.names().contains(resource)) {
                throw new IllegalArgumentException("unknown resource '" + resource + "': the resources are "
                        + String.join(", ", ResourceAnalyzers.names()));
            }
        }
        this.thresholds = thresholds;
        this.enabled = ResourceAnalyzers.ALL.stream().filter(a -> !disabled.contains(a.resource())).toList();
    }

    public UseReport analyze(SnapshotPair pair) {
        Snapshot before = pair.before();
        Snapshot after = pair.after();
        double seconds = before.secondsUntil(after);
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the second snapshot is not later than the first (interval %.3f s)", seconds));
        }
        int cpus = after.cpu().isAvailable() ? after.cpu().value().cpus().size() : Runtime.getRuntime().availableProcessors();
        Context c = new Context(before, after, new Interval(seconds), thresholds, cpus, pair.taskSamples());

        List<ResourceUse> rows = new ArrayList<>();
        List<AnalyzerOutcome> outcomes = new ArrayList<>(enabled.size());
        for (ResourceAnalyzer analyzer : enabled) {
            List<ResourceUse> own = guarded(analyzer, c);
            rows.addAll(own);
            outcomes.add(AnalyzerOutcome.of(analyzer.resource(), own));
        }

        List<ProcessCpu> top = List.of();
        List<ProcessRanking> rankings = List.of();
        String topReason = null;
        if (before.processes().isAvailable() && after.processes().isAvailable()) {
            top = TopProcesses.top(before.processes().value(), after.processes().value(), seconds, TOP_PROCESSES);
            rankings = ProcessRankings.of(before.processes().value(), after.processes().value(), seconds);
        } else {
            topReason = before.processes().isAvailable() ? after.processes().reason() : before.processes().reason();
        }
        Long memory = after.meminfo().map(m -> m.get("MemTotal") * 1024).orElse(null);
        return new UseReport(after.host().hostname(), after.host().kernel(), after.host().cpuModel(), cpus, memory,
                seconds, instant(after.epochSeconds()), List.copyOf(rows), Findings.of(rows), top, topReason, outcomes,
                rankings);
    }

    private static Instant instant(double epochSeconds) {
        long seconds = (long) Math.floor(epochSeconds);
        return Instant.ofEpochSecond(seconds, Math.round((epochSeconds - seconds) * 1e9));
    }

    /** A bug in one analyzer must not take the whole report down: its row says, in one line, what failed. */
    private static List<ResourceUse> guarded(ResourceAnalyzer analyzer, Context c) {
        try {
            return analyzer.rows(c);
        } catch (RuntimeException e) {
            String what = e.toString().lines().findFirst().orElse(e.getClass().getName());
            return List.of(RowBuilder.unavailableRow(analyzer.resource(), null, "could not analyze: " + what));
        }
    }
}
