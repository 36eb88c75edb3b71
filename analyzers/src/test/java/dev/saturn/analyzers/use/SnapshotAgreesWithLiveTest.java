package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.collectors.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot tree holds every file the readers read: this machine analyzed live, and the two trees written
 * right after each live read, give the same rows and the same figures and cells available, so a reader added
 * without the snapshot knowing of its file fails here. Neither side has PMU counts (a tree holds none).
 */
class SnapshotAgreesWithLiveTest {
    private static final Reading<dev.saturn.collectors.perf.PmuCounts> NO_PMU = Reading.unavailable("no PMU counts in this comparison");

    @TempDir
    Path tmp;

    @Test
    void liveAndSnapshotTreesOfTheSameMomentsHaveTheSameFiguresAvailable() throws Exception {
        HostPaths host = HostPaths.liveHost();
        SnapshotWriter writer = new SnapshotWriter(host);
        Snapshot liveBefore;
        Snapshot liveAfter;
        try (SnapshotReader reader = new SnapshotReader(host, true)) {
            liveBefore = reader.live(NO_PMU);
            writer.write(tmp.resolve("before"));
            Thread.sleep(1000); // the interval measured, not a wait for anything
            liveAfter = reader.live(NO_PMU);
            writer.write(tmp.resolve("after"));
        }

        UseAnalyzer analyzer = new UseAnalyzer(Thresholds.defaults());
        UseReport live = analyzer.analyze(new SnapshotPair(liveBefore, liveAfter, List.of()));
        UseReport tree = analyzer.analyze(new SnapshotPair(SnapshotReader.tree(tmp.resolve("before")),
                SnapshotReader.tree(tmp.resolve("after")), List.of()));

        Map<String, String> fromLive = availability(live);
        Map<String, String> fromTree = availability(tree);
        List<String> differ = java.util.stream.Stream.concat(fromLive.keySet().stream(), fromTree.keySet().stream()).distinct().sorted()
                .filter(k -> !Objects.equals(fromLive.get(k), fromTree.get(k)))
                .map(k -> k + ": live " + fromLive.get(k) + ", tree " + fromTree.get(k)).toList();
        assertEquals(List.of(), differ, "figures the tree lacks or adds (its files are ProcFile and the readers' FILES)");
        assertEquals(live.analyzers().stream().map(AnalyzerOutcome::success).toList(),
                tree.analyzers().stream().map(AnalyzerOutcome::success).toList(), live.analyzers() + " / " + tree.analyzers());
    }

    /**
     * Per row, each figure and cell: "available", or the reason it is not. A figure that an event in the
     * few milliseconds between a live read and its copy can make or unmake (a disk's first read of the
     * interval gives it an await) counts as available; so do the virtual disks, listed when they did I/O.
     */
    private static Map<String, String> availability(UseReport r) {
        Map<String, String> out = new TreeMap<>();
        // the processes behind each resource: the tree keeps every process's files
        for (ProcessRanking ranking : r.processRankings()) {
            out.put("processes " + ranking.resource() + " " + ranking.metric(), ranking.isAvailable() ? "available" : ranking.reason());
        }
        for (ResourceUse row : r.resources()) {
            if (row.resource().equals("virtual_disk")) {
                continue;
            }
            String key = row.resource() + " " + Objects.toString(row.device(), "");
            row.metrics().forEach((metric, value) -> out.put(key + " " + metric,
                    value != null ? "available" : eventful(row.unavailableMetrics().get(metric))));
            for (Cell c : List.of(row.utilization(), row.saturation(), row.errors())) {
                out.put(key + " cell " + c.metric(), c.value() != null ? "available" : eventful(c.reason()));
            }
        }
        return out;
    }

    private static String eventful(String reason) {
        boolean aboutTheInterval = reason.contains("in the interval") || reason.contains("elapsed") || reason.contains("went backwards");
        return aboutTheInterval ? "available" : "unavailable";
    }
}
