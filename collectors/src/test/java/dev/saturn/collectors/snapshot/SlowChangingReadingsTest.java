package dev.saturn.collectors.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous sampler re-reads the slow-changing sources (kernel limits, machine checks, mounts) only
 * every slowEvery, and the counters every time; a one-shot reader reads everything every time.
 */
class SlowChangingReadingsTest {
    @TempDir
    Path root;
    private HostPaths paths;

    @BeforeEach
    void tree() throws IOException {
        paths = HostPaths.liveAt(root.resolve("proc"), root.resolve("sys"));
        write("sys/kernel/pid_max", "100\n");
        write("loadavg", "0.50 0.40 0.30 1/200 1234\n");
        write("interrupts", "           CPU0\n MCE:          1   Machine check exceptions\n");
    }

    @Test
    void slowSourcesAreKeptForSlowEveryAndCountersAreNot() throws Exception {
        SnapshotReader reader = new SnapshotReader(paths, false, Duration.ofHours(1));
        Snapshot first = read(reader);
        assertEquals(100L, first.pidMax().value());
        assertEquals(1L, first.machineChecks().value());

        write("sys/kernel/pid_max", "200\n");
        write("interrupts", "           CPU0\n MCE:          3   Machine check exceptions\n");
        write("loadavg", "0.50 0.40 0.30 7/200 1234\n");
        Snapshot second = read(reader);
        assertEquals(100L, second.pidMax().value(), "a limit is not re-read within slowEvery");
        assertEquals(1L, second.machineChecks().value());
        assertEquals(7, second.loadAvg().value().runnable(), "a counter is read every snapshot");
    }

    @Test
    void slowSourcesAreReadAgainOnceSlowEveryHasPassed() throws Exception {
        SnapshotReader reader = new SnapshotReader(paths, false, Duration.ofMillis(100));
        assertEquals(100L, read(reader).pidMax().value());
        write("sys/kernel/pid_max", "200\n");
        Thread.sleep(150);
        assertEquals(200L, read(reader).pidMax().value());
    }

    @Test
    void aOneShotReaderReadsEverythingEveryTime() throws Exception {
        SnapshotReader reader = new SnapshotReader(paths, false);
        assertEquals(100L, read(reader).pidMax().value());
        write("sys/kernel/pid_max", "200\n");
        write("interrupts", "           CPU0\n MCE:          3   Machine check exceptions\n");
        Snapshot next = read(reader);
        assertEquals(200L, next.pidMax().value());
        assertEquals(3L, next.machineChecks().value());
    }

    @Test
    void aSnapshotTreeIsNeverKept() throws Exception {
        SnapshotReader reader = new SnapshotReader(HostPaths.snapshotTree(root), false, Duration.ofHours(1));
        assertEquals(100L, read(reader).pidMax().value());
        write("sys/kernel/pid_max", "200\n");
        assertEquals(200L, read(reader).pidMax().value());
    }

    private static Snapshot read(SnapshotReader reader) {
        return reader.live(Reading.unavailable("no PMU in this test"));
    }

    private void write(String procRelative, String text) throws IOException {
        Path file = root.resolve("proc").resolve(procRelative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
