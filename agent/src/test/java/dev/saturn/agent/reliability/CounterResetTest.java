package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.history.HistoryReader;
import dev.saturn.agent.history.HistoryWriter;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.report.prometheus.PrometheusText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counter that goes backwards (an interface re-created, a driver reloaded) makes its figures
 * unavailable with the reason, never a huge or negative rate: in the report, in the history and in
 * /metrics. The input: the project's vm-2cpu-saturn snapshot pair with eth0's rx bytes lowered.
 */
class CounterResetTest {
    static final Path FIXTURES = Path.of("../analyzers/src/test/resources/fixtures/vm-2cpu-saturn");
    @TempDir
    Path tmp;

    @Test
    void aCounterThatWentBackwardsIsUnavailableWithItsReasonInHistoryAndAbsentFromMetrics() throws Exception {
        Path before = copy(FIXTURES.resolve("load-0"), tmp.resolve("load-0"));
        Path after = copy(FIXTURES.resolve("load-1"), tmp.resolve("load-1"));
        Path netDev = after.resolve("proc/net/dev");
        Files.writeString(netDev, Files.readString(netDev).replace("eth0: 14695552 ", "eth0:     1000 "));
        UseReport report = new UseAnalyzer(Thresholds.defaults()).analyze(
                new SnapshotPair(SnapshotReader.tree(before), SnapshotReader.tree(after), List.of()));
        ResourceUse eth0 = eth0(report);
        assertNull(eth0.metric("rx_bytes_per_s"));
        assertTrue(eth0.unavailableMetrics().get("rx_bytes_per_s").contains("went backwards"), eth0.unavailableMetrics().toString());

        Path data = tmp.resolve("data");
        try (HistoryWriter w = HistoryWriter.open(data)) {
            w.append(report);
        }
        try (HistoryReader r = HistoryReader.open(data)) {
            ResourceUse back = eth0(r.nearest(report.timestamp()).orElseThrow());
            assertNull(back.metric("rx_bytes_per_s"));
            assertEquals(eth0.unavailableMetrics(), back.unavailableMetrics());
            assertEquals(eth0.metric("tx_bytes_per_s"), back.metric("tx_bytes_per_s"), 0.001);
        }
        String metrics = new PrometheusText().report(report).text();
        assertFalse(metrics.contains("saturn_network_rx_bytes_per_second{device=\"eth0\"}"), metrics);
        assertTrue(metrics.contains("saturn_network_tx_bytes_per_second{device=\"eth0\"}"), metrics);
    }

    private static ResourceUse eth0(UseReport r) {
        return r.resources().stream().filter(row -> Objects.equals(row.device(), "eth0")).findFirst().orElseThrow();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isSymbolicLink(f)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(f));
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
