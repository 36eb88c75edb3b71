package dev.saturn.collectors.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM runs {@link LockTarget} for 3 s under -XX:StartFlightRecording with settings=profile. */
class LiveRecordingTest {
    private static final String TARGET = LockTarget.class.getName();

    @TempDir
    static Path tmp;

    static RecordingReaderTest.Events events;
    static long burnerCpuMillis;

    @BeforeAll
    static void record() throws Exception {
        Path recording = tmp.resolve("live.jfr");
        String classes = Path.of(LockTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording=filename=" + recording + ",settings=profile", "-cp", classes, TARGET, "3000")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not exit");
        }
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));
        events = RecordingReaderTest.read(recording);
        String said = Files.readString(tmp.resolve("child.log"));
        burnerCpuMillis = Long.parseLong(said.replaceAll("(?s).*burner cpu ns (\\d+).*", "$1")) / 1_000_000;
    }

    @Test
    void contendedMonitorIsNamedByItsClassAndWaitingCode() {
        List<LockWait> monitors = events.waits(LockWait.Kind.MONITOR_ENTER).stream()
                .filter(w -> w.objectClass().equals(TARGET + "$Ledger")).toList();
        long ns = monitors.stream().mapToLong(LockWait::durationNs).sum();
        assertTrue(ns > 1_500_000_000L, "a 40 ms holder and a waiter for 3 s: " + ns + " ns in " + monitors.size());
        assertTrue(monitors.stream().allMatch(w -> w.site().equals(TARGET + ".contendMonitor")
                && w.thread().startsWith("monitor-")), monitors.toString());
    }

    @Test
    void explicitGcsArePauses() {
        List<GcPause> systemGcs = events.gcs.stream().filter(g -> g.cause().equals("System.gc()")).toList();
        assertTrue(systemGcs.size() >= 4, "System.gc() every 500 ms for 3 s: " + events.gcs);
        assertTrue(systemGcs.stream().allMatch(g -> g.sumOfPausesNs() > 0 && g.longestPauseNs() <= g.sumOfPausesNs()));
    }

    @Test
    void burnerIsOnTopOfMostSamples() {
        long burn = events.samples.stream().filter(s -> !s.frames().isEmpty() && s.frames().get(0).equals(TARGET + ".burn")).count();
        // profile.jfc samples a running Java thread every 10 ms: a quarter of that at least, however busy the machine
        assertTrue(events.samples.size() >= burnerCpuMillis / 10 / 4,
                events.samples.size() + " samples at 10 ms for the burner's " + burnerCpuMillis + " ms of CPU");
        assertTrue(burn * 10 >= events.samples.size() * 8, "burn on top of " + burn + " of " + events.samples.size());
    }
}
