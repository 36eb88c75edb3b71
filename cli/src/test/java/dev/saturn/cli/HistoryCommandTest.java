package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.history.HistoryWriter;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import dev.saturn.testkit.SmallDisk;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
    private static final Path FIXTURES = Path.of("../analyzers/src/test/resources/fixtures/vm-2cpu-saturn");
    private static final String LOAD_0 = FIXTURES.resolve("load-0").toString();
    private static final String LOAD_1 = FIXTURES.resolve("load-1").toString();
    @TempDir
    Path dir;

    static UseReport loadReport() throws Exception {
        return new UseAnalyzer(Thresholds.defaults()).analyze(new SnapshotPair(
                SnapshotReader.tree(Path.of(LOAD_0)), SnapshotReader.tree(Path.of(LOAD_1)), List.of()));
    }

    static UseReport at(UseReport r, Instant t) {
        return new UseReport(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(), t,
                r.resources(), r.findings(), r.topProcesses(), r.topProcessesReason());
    }

    static String tableAndFindings(String out) {
        return out.substring(0, out.indexOf("\nTop processes"));
    }

    @Test
    void atPrintsTheSameTableAndFindingsAsSaturnUse() throws Exception {
        UseReport report = loadReport();
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            w.append(report);
        }
        CliRun use = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--color", "never");
        CliRun history = CliRun.of("history", "--data-dir", dir.toString(), "--at", report.timestamp().toString(), "--color", "never");
        assertEquals(0, history.exit(), history.err());
        assertTrue(history.out().contains("Findings, worst first:"), history.out());
        assertEquals(tableAndFindings(use.out()), tableAndFindings(history.out()));
        assertTrue(history.out().contains("Top processes: history keeps no process table"), history.out());
    }

    @Test
    void fromToReplaysEveryReportOfTheWindowAsTextJsonOrCsv() throws Exception {
        UseReport report = loadReport();
        Instant t0 = Instant.parse("2026-01-01T03:00:00Z");
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (int i = 0; i < 6; i++) {
                w.append(at(report, t0.plusSeconds(10L * i)));
            }
        }
        String d = dir.toString();
        CliRun text = CliRun.of("history", "--data-dir", d, "--from", "2026-01-01T03:00:05Z", "--to", "2026-01-01T03:00:30Z", "--color", "never");
        assertEquals(0, text.exit(), text.err());
        assertEquals(3, text.out().split("saturn use: ", -1).length - 1, "reports at :10, :20, :30");
        CliRun json = CliRun.of("history", "--data-dir", d, "--from", "1767236400", "--to", "1767236450", "--json");
        List<String> lines = json.out().lines().toList();
        assertEquals(6, lines.size(), json.out());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("2026-01-01T03:00:00Z", first.get("timestamp").asText());
        assertTrue(first.get("findings").size() > 0, "findings recomputed from the stored cells");
        CliRun stepped = CliRun.of("history", "--data-dir", d, "--from", "1767236400", "--to", "1767236450", "--json", "--step", "20s");
        assertEquals(3, stepped.out().lines().count(), stepped.out());
        CliRun millis = CliRun.of("history", "--data-dir", d, "--from", "1767236400", "--to", "1767236450", "--json", "--step", "20000ms");
        assertEquals(stepped.out(), millis.out(), millis.err());
        CliRun compound = CliRun.of("history", "--data-dir", d, "--from", "1767236400", "--to", "1767236450", "--json", "--step", "1h30m");
        assertEquals(1, compound.out().lines().count(), "1h30m was refused: " + compound.err());
        CliRun csv = CliRun.of("history", "--data-dir", d, "--from", "2026-01-01T03:00:00Z", "--to", "2026-01-01T03:00:00Z", "--csv");
        List<String> rows = csv.out().lines().toList();
        assertEquals("timestamp,resource,device,cell,metric,value,unit,status", rows.get(0));
        assertTrue(rows.get(1).startsWith("2026-01-01T03:00:00Z,cpu,,utilization,busy_pct,"), rows.get(1));
        assertTrue(rows.stream().allMatch(r -> r.split(",", -1).length == 8 || r.contains("\"")), csv.out());
    }

    @Test
    void aWindowWhoseEndIsStillToComeEndsAtNow() throws Exception {
        Instant now = Instant.now();
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            w.append(at(loadReport(), now.minusSeconds(30)));
        }
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
        String from = clock.format(now.minusSeconds(90));
        String to = clock.format(now.plusSeconds(240));
        CliRun run = CliRun.of("history", "--data-dir", dir.toString(), "--from", from, "--to", to, "--json");
        assertEquals(0, run.exit(), "--from " + from + " --to " + to + ": " + run.err());
        assertEquals(1, run.out().lines().count(), run.out());
    }

    @Test
    void anEmptyHistoryFileSaysNoHistoryYet() throws Exception {
        Files.createFile(dir.resolve("history.db"));
        CliRun run = CliRun.of("history", "--data-dir", dir.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError() && run.err().startsWith("saturn: no history yet in " + dir), run.err());
        assertTrue(!run.err().contains("schema version"), run.err());
    }

    @Test
    void anAgentOnAFullDiskLeavesNoHistoryYet() throws Exception {
        try (SmallDisk disk = SmallDisk.full(dir.resolve("small"), "anAgentOnAFullDiskLeavesNoHistoryYet");
             ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String data = disk.mount.resolve("data").toString();
            // an agent on a full disk serves on, waiting for space (FullDiskStartTest): the port taken stops this one
            CliRun agent = CliRun.of("agent", "--data-dir", data, "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertEquals(2, agent.exit(), agent.err());
            assertTrue(agent.err().contains("choose another with --listen"), agent.err());
            CliRun history = CliRun.of("history", "--data-dir", data);
            assertEquals(2, history.exit(), history.err());
            assertTrue(history.oneLineError() && history.err().startsWith("saturn: no history yet in " + data), history.err());
            CliRun window = CliRun.of("history", "--data-dir", data, "--from", "-1h");
            assertTrue(window.oneLineError() && window.err().startsWith("saturn: no history yet in " + data), window.err());
        }
    }

    @Test
    void badInputGetsOneLineErrors() throws Exception {
        CliRun none = CliRun.of("history", "--data-dir", dir.resolve("nothing").toString());
        assertEquals(2, none.exit());
        assertTrue(none.oneLineError() && none.err().contains("no history in"), none.err());
        CliRun badTimeFirst = CliRun.of("history", "--data-dir", dir.resolve("nothing").toString(), "--at", "teatime");
        assertTrue(badTimeFirst.oneLineError() && badTimeFirst.err().contains("--at: cannot read 'teatime'"), badTimeFirst.err());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun notADir = CliRun.of("history", "--data-dir", file.toString());
        assertEquals(2, notADir.exit());
        assertTrue(notADir.oneLineError() && notADir.err().contains("is a file, not a directory"), notADir.err());
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            w.append(at(loadReport(), Instant.parse("2026-01-01T03:00:00Z")));
        }
        String d = dir.toString();
        CliRun badTime = CliRun.of("history", "--data-dir", d, "--at", "teatime");
        assertTrue(badTime.exit() == 2 && badTime.oneLineError() && badTime.err().contains("--at: cannot read 'teatime'"), badTime.err());
        CliRun backwards = CliRun.of("history", "--data-dir", d, "--from", "-1h", "--to", "-2h");
        assertTrue(backwards.exit() == 2 && backwards.oneLineError() && backwards.err().contains("is before --from"), backwards.err());
        CliRun empty = CliRun.of("history", "--data-dir", d, "--from", "-1h");
        assertTrue(empty.exit() == 2 && empty.oneLineError() && empty.err().contains("it holds 1 samples from 2026-01-01T03:00:00Z"), empty.err());
        CliRun both = CliRun.of("history", "--data-dir", d, "--from", "-1h", "--at", "now");
        assertEquals(2, both.exit(), both.err());
        CliRun toAlone = CliRun.of("history", "--data-dir", d, "--to", "now");
        assertEquals(2, toAlone.exit(), toAlone.err());
    }
}
