package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.testkit.LoadProgram;
import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * `saturn use --drill-down`: after the checklist, the profile that fits the resource, recorded with real perf on
 * programs made here (testkit's load.c): an O_DIRECT writer for the disk (its time blocked on I/O, under its pwrite),
 * a process growing its memory (its page faults, as many as the kernel counted for it), the worst finding by default.
 */
@Isolated
class DrillDownTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aDiskRecordsTheWritersTimeBlockedInItsWrites() throws Exception {
        Needs.tools("perf", "gcc");
        Needs.root("the sched_switch tracepoint");
        Path load = LoadProgram.compile(tmp);
        // on disk, not tmpfs (O_DIRECT): target/ of this module
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "drill-");
        Path file = dir.resolve("load.dat");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        Process writer = LoadProgram.start(load, "write", file.toString());
        try {
            CliRun run = CliRun.of("use", "--json", "--drill-down=disk", "--for", "2s", "--drill-down-dir", tmp.toString());
            assertEquals(0, run.exit(), run.err());
            JsonNode drill = JSON.readTree(run.out()).get("drill_down");
            assertEquals("recorded", drill.get("state").asText(), drill.toString());
            assertEquals("offcpu", drill.get("event").asText());
            assertTrue(pids(drill).contains(writer.pid()), "the writer among the processes recorded: " + drill.get("processes"));
            String root = "load-" + writer.pid();
            assertEquals(root, drill.get("lead").get("process").asText(), drill.get("lead").toString());
            Map<String, Long> folded = folded(Path.of(drill.get("folded").asText()));
            long blocked = sum(folded, root + ";");
            long inWrite = folded.entrySet().stream().filter(e -> e.getKey().startsWith(root + ";") && e.getKey().contains("pwrite"))
                    .mapToLong(Map.Entry::getValue).sum();
            double seconds = drill.get("duration_s").asDouble();
            assertTrue(blocked > 0 && blocked <= seconds * 1e6 * 1.05, blocked + " us blocked in " + seconds + " s of one thread");
            assertTrue(inWrite >= 0.9 * blocked, inWrite + " of " + blocked + " us blocked under pwrite: " + folded);
            assertTrue(Files.size(Path.of(drill.get("svg").asText())) > 0);
        } finally {
            writer.destroyForcibly().waitFor();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void memoryRecordsThePageFaultsOfTheProcessThatGrows() throws Exception {
        Needs.tools("perf", "gcc");
        Needs.root("page faults of another process");
        Path load = LoadProgram.compile(tmp);
        Process grower = LoadProgram.start(load, "grow", "64");
        try {
            long faultsBefore = minorFaults(grower.pid());
            long start = System.nanoTime();
            CliRun run = CliRun.of("use", "--json", "--drill-down=memory", "--for", "2s", "--drill-down-dir", tmp.toString());
            double commandSeconds = (System.nanoTime() - start) / 1e9;
            long faultsDuring = minorFaults(grower.pid()) - faultsBefore;
            assertEquals(0, run.exit(), run.err());
            JsonNode drill = JSON.readTree(run.out()).get("drill_down");
            assertEquals("page-faults", drill.get("event").asText(), drill.toString());
            assertTrue(drill.get("why").asText().startsWith("memory: page faults of the processes whose memory grew: "), drill.toString());
            assertTrue(pids(drill).contains(grower.pid()), drill.toString());
            long recorded = sum(folded(Path.of(drill.get("folded").asText())), "load-" + grower.pid() + ";");
            // the kernel's count runs over the whole command (its report, perf's start and stop): its rate, over perf's seconds
            double expected = faultsDuring / commandSeconds * drill.get("duration_s").asDouble();
            assertTrue(recorded >= 0.5 * expected && recorded <= 1.5 * expected && recorded <= faultsDuring,
                    recorded + " faults recorded in " + drill.get("duration_s") + " s; the kernel counted " + faultsDuring + " in "
                            + commandSeconds + " s");
        } finally {
            grower.destroyForcibly().waitFor();
        }
    }

    @Test
    void byDefaultTheWorstFindingIsDrilledInto() throws Exception {
        Needs.tools("perf");
        Needs.root("a profile of every CPU");
        CliRun run = CliRun.of("use", "--json", "--drill-down", "--for", "1s", "--drill-down-dir", tmp.toString());
        JsonNode report = JSON.readTree(run.out());
        JsonNode drill = report.get("drill_down");
        if (report.get("findings").isEmpty()) {
            assertEquals("no_finding", drill.get("state").asText(), drill.toString());
            assertEquals(0, run.exit(), run.err());
        } else {
            assertEquals(report.get("findings").get(0).get("text").asText(), drill.get("finding").asText());
            assertEquals(report.get("findings").get(0).get("resource").asText(), drill.get("resource").asText());
            assertEquals("recorded", drill.get("state").asText(), drill + " " + run.err());
        }
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        assertTrue(CliRun.failing("use", "--for", "2s").err().contains("--for goes with --drill-down"));
        assertTrue(CliRun.failing("use", "--drill-down=dsk").err().contains("--drill-down=dsk is not a resource: give one of cpu, memory, disk"));
        assertTrue(CliRun.failing("use", "--drill-down", "--snapshot-pair", tmp.toString(), tmp.toString()).err()
                .contains("cannot be combined with --snapshot-pair"));
        assertTrue(CliRun.failing("use", "--drill-down", "--drill-down-dir", tmp.resolve("absent").toString()).err()
                .contains("is not a directory"));
        assertTrue(CliRun.failing("use", "--drill-down", "--for", "0s").err().contains("--for': '0s' is not a positive duration"));
    }

    /** A perf that cannot run: the report is printed, the drill-down says why in the JSON and in one line, exit 2. */
    @Test
    void aDrillDownThatCannotRecordSaysWhy() throws Exception {
        CliRun run = CliRun.of("use", "--json", "--drill-down=cpu", "--for", "1s", "--perf", tmp.resolve("no/perf").toString(),
                "--drill-down-dir", tmp.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().startsWith("saturn: drill-down: "), run.err());
        JsonNode drill = JSON.readTree(run.out()).get("drill_down");
        assertEquals("unavailable", drill.get("state").asText());
        assertTrue(drill.get("reason").asText().contains("no/perf"), drill.toString());
    }

    private static List<Long> pids(JsonNode drill) {
        return java.util.stream.StreamSupport.stream(drill.get("processes").spliterator(), false).map(p -> p.get("pid").asLong()).toList();
    }

    private static Map<String, Long> folded(Path file) throws IOException {
        Map<String, Long> stacks = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            int cut = line.lastIndexOf(' ');
            stacks.merge(line.substring(0, cut), Long.parseLong(line.substring(cut + 1)), Long::sum);
        }
        return stacks;
    }

    private static long sum(Map<String, Long> folded, String prefix) {
        return folded.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    /** minflt, field 10 of /proc/PID/stat. */
    private static long minorFaults(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }
}
