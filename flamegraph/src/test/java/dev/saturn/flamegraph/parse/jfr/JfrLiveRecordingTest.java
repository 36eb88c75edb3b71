package dev.saturn.flamegraph.parse.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.folded.Collapse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM runs {@link JfrTarget} for 3 s under -XX:StartFlightRecording with settings=profile. */
class JfrLiveRecordingTest {
    private static final String TARGET = JfrTarget.class.getName();

    @TempDir
    static Path tmp;

    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = tmp.resolve("live.jfr");
        String classes = Path.of(JfrTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:StartFlightRecording=filename=" + recording + ",settings=profile",
                        "-cp", classes, TARGET, "3000")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not exit");
        }
        assertEquals(0, child.exitValue(), () -> log());
        assertTrue(Files.size(recording) > 0, JfrLiveRecordingTest::log);
    }

    @Test
    void cpuProfileFindsTheBurnerInMostSamples() throws IOException {
        Collapse c = JfrParserTest.collapse(recording, JfrOptions.of(JfrEvent.CPU));
        long burn = sum(c, s -> s.endsWith(TARGET + ".burn"));
        long cpuMillis = Long.parseLong(log().replaceAll("(?s).*burner cpu ns (\\d+).*", "$1")) / 1_000_000;
        // profile.jfc samples a running Java thread every 10 ms: a quarter of that at least, however busy the machine
        assertTrue(c.total() >= cpuMillis / 10 / 4, c.total() + " samples at 10 ms for the burner's " + cpuMillis + " ms of CPU");
        assertTrue(burn * 2 >= c.total(), "burn " + burn + " of " + c.total() + "\n" + c.folded());
        assertEquals(c.stats().stacks(), c.total());
    }

    @Test
    void allocProfileWeighsBytesAtTheAllocatingMethod() throws IOException {
        Collapse c = JfrParserTest.collapse(recording, JfrOptions.of(JfrEvent.ALLOC));
        long arrays = sum(c, s -> s.endsWith(TARGET + ".allocate;byte[]"));
        assertTrue(arrays > 100L << 20, "64 KiB arrays for 3 s, in bytes: " + arrays);
        assertTrue(c.total() > c.stats().stacks() * 1024, "weights are bytes, not samples");
    }

    @Test
    void lockProfileNamesTheContendedMonitorAndLock() throws IOException {
        Collapse c = JfrParserTest.collapse(recording, JfrOptions.of(JfrEvent.LOCK).withThreadNames(true));
        long monitor = sum(c, s -> s.startsWith("monitor-") && s.endsWith(TARGET + ".contendMonitor;java.lang.Object"));
        long lock = sum(c, s -> s.startsWith("lock-") && s.contains(TARGET + ".contendLock;java.util.concurrent.locks.ReentrantLock.lock;")
                && s.endsWith("ReentrantLock$NonfairSync"));
        assertTrue(monitor > 500_000_000L, "a 30 ms holder and a waiter for 3 s, in ns: " + monitor + "\n" + c.folded());
        assertTrue(lock > 500_000_000L, "in ns: " + lock);
    }

    private static long sum(Collapse c, Predicate<String> stacks) {
        return c.weights().entrySet().stream().filter(e -> stacks.test(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private static String log() {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (IOException e) {
            return "no child log: " + e;
        }
    }
}
