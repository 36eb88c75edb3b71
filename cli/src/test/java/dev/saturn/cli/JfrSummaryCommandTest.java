package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `saturn jfr summary` on the collectors fixture (its README lists `jfr print`'s counts), on a live recording, on bad files. */
class JfrSummaryCommandTest {
    private static final Path FIXTURE = Path.of("../collectors/src/test/resources/jfr/summary-2s.jfr");
    private static final String TARGET = "dev.saturn.collectors.jfr.LockTarget";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void textNamesTheHotMethodTheGcPausesAndTheContendedMonitor() {
        CliRun run = CliRun.of("jfr", "summary", FIXTURE.toString());
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("saturn jfr summary: " + FIXTURE + ", OpenJDK 64-Bit Server VM 17."), out);
        assertTrue(out.contains("Hottest methods (91 execution samples, every 20 ms per running thread):"), out);
        assertTrue(Pattern.compile("^ +98\\.9 +98\\.9 +90  " + Pattern.quote(TARGET + ".burn") + "$", Pattern.MULTILINE).matcher(out).find(), out);
        assertTrue(out.contains("GC pauses: 4 collections, 37.3 ms paused in all (1.8"), out);
        assertTrue(out.contains(", 15.0 ms the longest"), out);
        assertTrue(Pattern.compile("^ +4 +37\\.3 ms +15\\.0 ms  G1Full$", Pattern.MULTILINE).matcher(out).find(), out);
        assertTrue(out.contains("Contended monitors (jdk.JavaMonitorEnter, waits of 20 ms or more): 1.920 s in all; 0.9"), out);
        assertTrue(Pattern.compile("^ +49 +2 +1\\.920 s +\\d+\\.\\d ms  " + Pattern.quote(TARGET + "$Ledger (" + TARGET + ".contendMonitor)") + "$",
                Pattern.MULTILINE).matcher(out).find(), out);
        assertTrue(out.contains("java.util.concurrent.locks.ReentrantLock$NonfairSync (" + TARGET + ".contendLock)"), out);
        assertEquals("", run.err());
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        CliRun run = CliRun.of("jfr", "summary", "--json", "--top", "3", FIXTURE.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(91, root.get("execution_samples").get("count").asInt());
        assertEquals(TARGET + ".burn", root.get("execution_samples").get("hot_methods").get(0).get("method").asText());
        assertEquals(4, root.get("gc").get("collections").asInt());
        assertEquals(37_318_248L, root.get("gc").get("total_pause_ns").asLong());
        assertEquals(15_028_415L, root.get("gc").get("max_pause_ns").asLong());
        JsonNode monitor = root.get("monitor_enter").get("classes").get(0);
        assertEquals(TARGET + "$Ledger", monitor.get("class").asText());
        assertEquals(49, monitor.get("waits").asInt());
        assertEquals(1_920_061_609L, monitor.get("total_ns").asLong());
        assertEquals("20 ms", root.get("monitor_enter").get("threshold").asText());
        assertTrue(root.get("monitor_enter").get("saturation").asDouble() > 0.8);
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync", root.get("park").get("classes").get(0).get("class").asText());
    }

    @Test
    void aRecordingWithoutGcOrSettingsSaysWhatIsMissing() {
        CliRun run = CliRun.of("jfr", "summary", "../flamegraph/src/test/resources/jfr/stacks-2s.jfr");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("GC pauses: none: the recording has no garbage collections"), run.out());
        assertTrue(run.out().contains("Hottest methods (192 execution samples):"), run.out());
    }

    @Test
    void liveRecordingOfAContendedChildNamesTheMonitorClassTheGcsAndTheBurner(@TempDir Path tmp) throws Exception {
        Path recording = tmp.resolve("app.jfr");
        Process child = new ProcessBuilder(ChildProcess.java(), "-XX:StartFlightRecording=filename=" + recording + ",settings=profile",
                "-cp", System.getProperty("java.class.path"), ContendedApp.class.getName(), "3000")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM exits");
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));
        CliRun run = CliRun.of("jfr", "summary", "--json", recording.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode root = JSON.readTree(run.out());
        String app = ContendedApp.class.getName();
        assertEquals(app + ".burn", root.get("execution_samples").get("hot_methods").get(0).get("method").asText(), run.out());
        assertTrue(root.get("gc").get("collections").asInt() >= 5, "System.gc() every 400 ms for 3 s: " + root.get("gc"));
        assertTrue(root.get("gc").get("max_pause_ns").asLong() > 0);
        JsonNode monitor = root.get("monitor_enter").get("classes").get(0);
        assertEquals(app + "$Inventory", monitor.get("class").asText(), run.out());
        assertEquals(app + ".restock", monitor.get("site").asText());
        assertTrue(monitor.get("total_ns").asLong() > 1_500_000_000L, "one of two threads waits most of 3 s: " + monitor);
        CliRun text = CliRun.of("jfr", "summary", recording.toString());
        assertTrue(text.out().contains(app + "$Inventory (" + app + ".restock)"), text.out());
    }

    @Test
    void aTruncatedLastChunkIsSummarizedFromTheChunksBeforeItWithAWarning(@TempDir Path tmp) throws Exception {
        byte[] chunk = Files.readAllBytes(FIXTURE);
        Path killed = tmp.resolve("killed.jfr");
        Files.write(killed, chunk);
        Files.write(killed, Arrays.copyOf(chunk, chunk.length / 3), java.nio.file.StandardOpenOption.APPEND);
        CliRun run = CliRun.of("jfr", "summary", killed.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().startsWith("saturn: warning: " + killed + " ends in a truncated chunk ("), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.out().contains("Hottest methods (91 execution samples"), run.out());
    }

    @Test
    void badFilesAreOneLineErrorsThatSayWhatToDo(@TempDir Path tmp) throws Exception {
        byte[] whole = Files.readAllBytes(FIXTURE);
        Path half = Files.write(tmp.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a recording\n");
        Path empty = Files.createFile(tmp.resolve("empty.jfr"));
        List<String[]> cases = List.of(
                new String[] {tmp.resolve("missing.jfr").toString(), ": no such file"},
                new String[] {tmp.toString(), "is a directory"},
                new String[] {text.toString(), "is not a JFR recording"},
                new String[] {empty.toString(), "JFR.dump"},
                new String[] {half.toString(), "is a truncated or damaged JFR recording"},
                new String[] {"-", "not standard input: save the recording to a file first"});
        for (String[] c : cases) {
            CliRun run = CliRun.of("jfr", "summary", c[0]);
            assertEquals(2, run.exit(), c[0]);
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.err().contains(c[1]), run.err());
            assertEquals("", run.out());
        }
        CliRun top = CliRun.of("jfr", "summary", "--top", "0", FIXTURE.toString());
        assertEquals(2, top.exit());
        assertTrue(top.oneLineError(), top.err());
        CliRun none = CliRun.of("jfr", "summary");
        assertEquals(2, none.exit());
        assertTrue(none.oneLineError(), none.err());
    }
}
