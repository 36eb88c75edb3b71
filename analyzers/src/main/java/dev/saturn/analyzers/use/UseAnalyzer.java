package dev.saturn.analyzers.use;

import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.sys.CgroupStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Two snapshots into the USE checklist. Pure: the same pair always gives the same report. */
public final class UseAnalyzer {
    private static final int TOP_PROCESSES = 5;
    private final Thresholds thresholds;

    public UseAnalyzer(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public UseReport analyze(SnapshotPair pair) {
        Snapshot before = pair.before();
        Snapshot after = pair.after();
        double seconds = before.secondsUntil(after);
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(String.format("the second snapshot is not later than the first (interval %.3f s)", seconds));
        }
        int cpus = after.cpu().isAvailable() ? after.cpu().value().cpus().size() : Runtime.getRuntime().availableProcessors();
        Context c = new Context(before, after, new Interval(seconds), thresholds, cpus, pair.taskSamples());

        List<ResourceUse> rows = new ArrayList<>();
        rows.add(guarded("cpu", () -> CpuUse.analyze(c)));
        rows.add(guarded("memory", () -> MemoryUse.analyze(c)));
        rows.addAll(guardedList("disk", () -> DiskUse.analyze(c)));
        rows.add(guarded("io", () -> IoPressureUse.analyze(c)));
        rows.addAll(guardedList("network", () -> NetworkUse.analyze(c)));
        rows.add(guarded("softnet", () -> SoftnetUse.analyze(c)));
        rows.add(guarded("tcp", () -> TcpUse.analyze(c)));
        rows.add(guarded("udp", () -> UdpUse.analyze(c)));
        rows.addAll(guardedList("filesystem", () -> FilesystemUse.analyze(c)));
        rows.add(guarded("file_descriptors", () -> KernelTablesUse.fileDescriptors(c)));
        rows.add(guarded("tasks", () -> KernelTablesUse.tasks(c, pidsLimitHits(before, after), pidsLimitHitsTotal(after))));
        rows.add(guarded("cgroup", () -> CgroupUse.analyze(c)));
        rows.add(guarded("interconnect", () -> InterconnectUse.analyze(c)));

        List<ProcessCpu> top = List.of();
        String topReason = null;
        if (before.processes().isAvailable() && after.processes().isAvailable()) {
            top = TopProcesses.top(before.processes().value(), after.processes().value(), seconds, TOP_PROCESSES);
        } else {
            topReason = before.processes().isAvailable() ? after.processes().reason() : before.processes().reason();
        }
        Long memory = after.meminfo().map(m -> m.get("MemTotal") * 1024).orElse(null);
        return new UseReport(after.host().hostname(), after.host().kernel(), after.host().cpuModel(), cpus, memory,
                seconds, instant(after.epochSeconds()), List.copyOf(rows), Findings.of(rows), top, topReason);
    }

    private static Double pidsLimitHits(Snapshot before, Snapshot after) {
        if (!before.cgroup().isAvailable() || !after.cgroup().isAvailable()) {
            return null;
        }
        CgroupStats b = before.cgroup().value();
        CgroupStats a = after.cgroup().value();
        if (!b.pidsLimitHits().isAvailable() || !a.pidsLimitHits().isAvailable()) {
            return null;
        }
        return (double) Interval.delta(b.pidsLimitHits().value(), a.pidsLimitHits().value(), "pids.events max");
    }

    private static Long pidsLimitHitsTotal(Snapshot after) {
        return after.cgroup().isAvailable() ? after.cgroup().value().pidsLimitHits().orElse(null) : null;
    }

    private static Instant instant(double epochSeconds) {
        long seconds = (long) Math.floor(epochSeconds);
        return Instant.ofEpochSecond(seconds, Math.round((epochSeconds - seconds) * 1e9));
    }

    /** A bug in one analyzer must not take the whole report down: the row says what failed. */
    private static ResourceUse guarded(String resource, Supplier<ResourceUse> analyzer) {
        try {
            return analyzer.get();
        } catch (RuntimeException e) {
            return RowBuilder.unavailableRow(resource, null, "could not analyze: " + e);
        }
    }

    private static List<ResourceUse> guardedList(String resource, Supplier<List<ResourceUse>> analyzer) {
        try {
            return analyzer.get();
        } catch (RuntimeException e) {
            return List.of(RowBuilder.unavailableRow(resource, null, "could not analyze: " + e));
        }
    }
}
