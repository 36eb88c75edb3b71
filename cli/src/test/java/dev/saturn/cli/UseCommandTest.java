package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UseCommandTest {
    private static final Path FIXTURES = Path.of("../analyzers/src/test/resources/fixtures/vm-2cpu-saturn");
    private static final String LOAD_0 = FIXTURES.resolve("load-0").toString();
    private static final String LOAD_1 = FIXTURES.resolve("load-1").toString();
    private static final String IDLE_0 = FIXTURES.resolve("idle-0").toString();
    private static final String IDLE_1 = FIXTURES.resolve("idle-1").toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void jsonFollowsTheContractWithEveryMetricOfTheReport() throws Exception {
        CliRun run = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode root = JSON.readTree(run.out());
        UseReport expected = new UseAnalyzer(Thresholds.defaults()).analyze(new SnapshotPair(
                SnapshotReader.tree(Path.of(LOAD_0)), SnapshotReader.tree(Path.of(LOAD_1)), List.of()));
        for (String key : List.of("host", "kernel", "cpus", "interval_s", "timestamp", "resources")) {
            assertTrue(root.has(key), "top-level key " + key);
        }
        assertEquals(2, root.get("cpus").asInt());
        assertTrue(root.get("interval_s").asDouble() > 2.5);
        Set<String> seen = new java.util.HashSet<>();
        for (JsonNode r : root.get("resources")) {
            String resource = r.get("resource").asText();
            seen.add(resource);
            assertTrue(r.has("device"));
            for (String cell : List.of("utilization", "saturation", "errors")) {
                JsonNode c = r.get(cell);
                for (String key : List.of("metric", "value", "unit", "status", "reason")) {
                    assertTrue(c.has(key), resource + "." + cell + " lacks " + key);
                }
                String status = c.get("status").asText();
                assertTrue(Set.of("ok", "warn", "crit", "unavailable").contains(status), status);
                if (status.equals("unavailable")) {
                    assertFalse(c.get("reason").isNull(), resource + "." + cell + " unavailable without reason");
                    assertTrue(c.get("value").isNull(), resource + "." + cell + " unavailable but has a value");
                }
            }
            ResourceUse model = expected.resources().stream()
                    .filter(m -> m.resource().equals(resource) && Objects.equals(m.device(), r.get("device").textValue()))
                    .findFirst().orElseThrow();
            for (Map.Entry<String, Double> metric : model.metrics().entrySet()) {
                JsonNode value = r.get("metrics").get(metric.getKey());
                assertNotNull(value, resource + " lacks metric " + metric.getKey());
                if (metric.getValue() == null) {
                    assertTrue(value.isNull() && r.get("unavailable_metrics").has(metric.getKey()), metric.getKey());
                } else {
                    assertEquals(metric.getValue(), value.asDouble(), 0.0, metric.getKey());
                }
            }
        }
        assertTrue(seen.containsAll(Set.of("cpu", "memory", "disk", "io", "network", "tcp", "filesystem",
                "file_descriptors", "tasks", "cgroup")), seen.toString());
        assertTrue(root.get("findings").size() > 0, "the load capture has findings");
        assertEquals("stress-ng-cpu", root.get("top_processes").get(0).get("command").asText());
    }

    @Test
    void textTableWhenPipedHasNoColourCodes() {
        CliRun run = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1);
        assertEquals(0, run.exit());
        assertFalse(run.out().contains("\033["), "no ANSI escapes when not on a terminal");
        assertTrue(run.out().contains("RESOURCE"));
        assertTrue(run.out().contains("Findings, worst first:"));
        assertTrue(run.out().lines().anyMatch(l -> l.contains("crit  cpu: 95% busy")), run.out());
        assertTrue(run.out().contains("Top processes by CPU"));
        CliRun coloured = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--color", "always");
        assertTrue(coloured.out().contains("\033[1;31mcrit"));
    }

    @Test
    void failOnExitsThreeOnlyWhenAFindingReachesTheLevel() {
        assertEquals(3, CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--fail-on", "crit").exit());
        assertEquals(0, CliRun.of("use", "--snapshot-pair", IDLE_0, IDLE_1, "--fail-on", "warn").exit());
        assertEquals(0, CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1).exit(), "no --fail-on, no exit 3");
    }

    @Test
    void configOverridesThresholds() throws Exception {
        Path config = tmp.resolve("thresholds.conf");
        Files.writeString(config, "# a saturn threshold file\nutilization.crit = 99\ncpu.psi_some.crit = 90\nio.psi_some.warn = 50\n");
        CliRun run = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--config", config.toString(), "--json", "--fail-on", "crit");
        assertEquals(0, run.exit(), run.out());
        JsonNode cpu = JSON.readTree(run.out()).get("resources").get(0);
        assertEquals("warn", cpu.get("utilization").get("status").asText());
    }

    @Test
    void badConfigIsAOneLineUsageError() throws Exception {
        Path config = tmp.resolve("bad.conf");
        Files.writeString(config, "utilisation.warn = 80\n");
        CliRun run = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--config", config.toString());
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains("unknown threshold 'utilisation.warn'"), run.err());
        Files.writeString(config, "utilization.warn = lots\n");
        assertEquals(2, CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--config", config.toString()).exit());
        CliRun missing = CliRun.of("use", "--config", tmp.resolve("nope.conf").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.oneLineError() && missing.err().contains("no such file"), missing.err());
        Path binary = Files.write(tmp.resolve("binary.conf"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        CliRun garbled = CliRun.of("use", "--config", binary.toString());
        assertEquals(2, garbled.exit());
        // was "Input length = 1", the decoder's words
        assertEquals("saturn: cannot read --config " + binary + ": it is not UTF-8 text; give a file of lines such as "
                + "utilization.warn = 80\n", garbled.err());
    }

    @Test
    void badFlagsAndInputsAreOneLineErrorsWithExitTwo() throws Exception {
        Files.createDirectories(tmp.resolve("not-a-snapshot/proc"));
        List<String[]> cases = List.of(
                new String[] {"use", "--bogus"},
                new String[] {"use", "--interval", "abc"},
                new String[] {"use", "--interval", "-1s"},
                new String[] {"use", "--count", "0"},
                new String[] {"use", "--fail-on", "sometimes"},
                new String[] {"use", "--snapshot-pair", LOAD_0},
                new String[] {"use", "--snapshot-pair", tmp.resolve("missing").toString(), LOAD_1},
                new String[] {"use", "--snapshot-pair", tmp.resolve("not-a-snapshot").toString(), LOAD_1},
                new String[] {"use", "--snapshot-pair", LOAD_1, LOAD_0},
                new String[] {"use", "--snapshot-pair", LOAD_0, LOAD_1, "--count", "2"},
                new String[] {"use", "--proc-root", tmp.resolve("nowhere").toString()},
                new String[] {"snapshot", LOAD_0});
        for (String[] args : cases) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exit(), String.join(" ", args) + " -> " + run.err());
            assertTrue(run.oneLineError(), String.join(" ", args) + " -> " + run.err());
        }
    }

    @Test
    void aLongIntervalSaysHowLongItTakesWhenThereIsNoCountdown() {
        // stderr is not a terminal here: no countdown, so one line says what it is doing and for how long
        CliRun run = CliRun.of("use", "--interval", "1500ms", "--count", "2", "--json");
        assertEquals(0, run.exit(), run.err());
        assertEquals("saturn: sampling for 1.5 s, 2 reports, 3 s in all\n", run.err());
    }

    @Test
    void liveRunsRepeatLikeVmstat() throws Exception {
        long start = System.nanoTime();
        CliRun run = CliRun.of("use", "--interval", "300ms", "--count", "2", "--json");
        double elapsed = (System.nanoTime() - start) / 1e9;
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), "one JSON object per line");
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        // at least the interval asked for; more when a loaded machine makes reading a snapshot take longer than it
        for (JsonNode report : List.of(first, second)) {
            double interval = report.get("interval_s").asDouble();
            assertTrue(interval >= 0.299 && interval < elapsed, interval + " s of a " + elapsed + " s run");
        }
        // consecutive intervals share their boundary, as vmstat's: the second ends its interval after the first
        double between = java.time.Duration.between(java.time.Instant.parse(first.get("timestamp").asText()),
                java.time.Instant.parse(second.get("timestamp").asText())).toNanos() / 1e9;
        assertEquals(second.get("interval_s").asDouble(), between, 0.002);
        JsonNode cpu = first.get("resources").get(0);
        assertEquals("cpu", cpu.get("resource").asText());
        assertNotNull(cpu.get("utilization").get("value").numberValue(), "live CPU busy is measured");
    }

    @Test
    void snapshotTreesAnalyzeLikeTheLiveHost() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, CliRun.of("snapshot", a.toString()).exit());
        Thread.sleep(300);
        CliRun second = CliRun.of("snapshot", b.toString());
        assertEquals(0, second.exit());
        assertTrue(second.err().startsWith("saturn: wrote "), second.err());
        for (String f : List.of("TIMESTAMP", "df.txt", "proc/stat", "proc/diskstats", "proc/net/dev", "proc/sys/kernel/pid_max",
                "proc/self/mountinfo")) {
            assertTrue(Files.exists(b.resolve(f)), f);
        }
        assertTrue(Files.readString(b.resolve("proc/sys/kernel/pid_max")).trim().length() > 1, "pid_max copied whole");
        try (var devices = Files.list(Path.of("/sys/block"))) {
            for (Path d : (Iterable<Path>) devices::iterator) {
                if (Files.exists(d.resolve("device"))) {
                    assertTrue(Files.exists(b.resolve("sys/block").resolve(d.getFileName().toString()).resolve("device/.keep")),
                            "an empty device/ directory would vanish in git: " + d);
                }
            }
        }
        CliRun run = CliRun.of("use", "--snapshot-pair", a.toString(), b.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode root = JSON.readTree(run.out());
        double interval = root.get("interval_s").asDouble();
        assertTrue(interval >= 0.3 && interval < 10, "interval from the TIMESTAMP files: " + interval);
        boolean filesystemMeasured = false;
        for (JsonNode r : root.get("resources")) {
            if (r.get("resource").asText().equals("filesystem") && r.get("utilization").get("value").isNumber()) {
                filesystemMeasured = true;
            }
        }
        assertTrue(filesystemMeasured, "df.txt written by saturn snapshot is read back");
        assertTrue(root.get("top_processes").size() > 0 || root.has("top_processes_reason"));
    }

    @Test
    void procRootReadsAnotherTree() throws Exception {
        CliRun run = CliRun.of("use", "--proc-root", "/proc", "--sys-root", "/sys", "--interval", "100ms");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("cpu"));
    }

    @Test
    void helpTeaches() {
        CliRun run = CliRun.of("use", "--help");
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("--snapshot-pair"));
        assertTrue(run.out().contains("Examples:"));
        assertTrue(CliRun.of("--help").out().contains("use"));
    }
}
