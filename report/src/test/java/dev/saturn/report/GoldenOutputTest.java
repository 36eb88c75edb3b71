package dev.saturn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.report.json.JsonReportWriter;
import dev.saturn.report.prometheus.PrometheusReportWriter;
import dev.saturn.report.text.TextReportWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's own capture of a 2-CPU VM (idle, and under load) rendered by every writer and compared
 * with checked-in files, as node_exporter's end-to-end fixture does: metric names, JSON fields and the
 * table's layout are a contract, and a change to any of them shows here as a diff to review. After a
 * deliberate change, `mvn -o test -pl report -am -Dtest=GoldenOutputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsaturn.golden.update=true` rewrites the files; the diff goes in the commit.
 */
class GoldenOutputTest {
    private static final Path CAPTURE = Path.of("../analyzers/src/test/resources/fixtures/vm-2cpu-saturn");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("saturn.golden.update");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"idle", "load"})
    void everyWriterWritesTheCheckedInOutput(String capture) throws Exception {
        Snapshot before = SnapshotReader.tree(CAPTURE.resolve(capture + "-0"));
        Snapshot after = SnapshotReader.tree(CAPTURE.resolve(capture + "-1"));
        UseReport report = new UseAnalyzer(Thresholds.defaults()).analyze(new SnapshotPair(before, after, List.of()));
        compare(capture + ".txt", new TextReportWriter(false), report);
        compare(capture + ".json", new JsonReportWriter(), report);
        compare(capture + ".prom", new PrometheusReportWriter(), new PrometheusReportWriter.Sample(report, after));
    }

    private static <R> void compare(String name, ReportWriter<R> writer, R report) throws IOException {
        StringWriter out = new StringWriter();
        writer.write(out, report);
        // JSON pretty-printed, so that a change to the contract reads as a diff of the fields it touches
        String text = writer.contentType().startsWith("application/json")
                ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(out.toString())) + "\n" : out.toString();
        Path file = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), text,
                name + " differs from its checked-in output: if the change is meant, rerun with -Dsaturn.golden.update=true and commit the diff");
    }
}
