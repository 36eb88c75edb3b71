package dev.saturn.collectors.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live walk times each process it reads, within the walk; a snapshot tree has no such times. */
class ProcessReadTimesTest {
    @TempDir
    Path tmp;

    @Test
    void aLiveWalkTimesEachProcessWithinIt() {
        try (ProcessTableReader reader = new ProcessTableReader(HostPaths.liveHost(), Duration.ofSeconds(10))) {
            for (int walk = 0; walk < 2; walk++) {
                long start;
                ProcessTable table;
                long deadline = System.nanoTime() + 30_000_000_000L;
                do {
                    // a kept reader walks at most every 100 ms: until then it gives the last table
                    start = System.nanoTime();
                    table = reader.read().get();
                } while (table.readAtNanos() < start && System.nanoTime() < deadline);
                long end = System.nanoTime();
                long[] times = table.readNanos();
                assertEquals(table.processes().size(), times.length, "one time per process");
                int self = table.processes().stream().map(ProcessSample::pid).toList().indexOf((int) ProcessHandle.current().pid());
                assertTrue(self >= 0, "this JVM is in the table");
                for (long t : times) {
                    assertTrue(t >= table.readAtNanos() && t >= start && t <= end, "read within the walk: " + t + " in " + start + ".." + end);
                }
                assertTrue(times[self] > table.readAtNanos() || table.processes().size() == 1,
                        "this process, which runs, is read during the walk, not at its start");
            }
        }
    }

    @Test
    void aSnapshotTreeHasNoReadTimes() throws Exception {
        Path stat = tmp.resolve("proc/42/stat");
        Files.createDirectories(stat.getParent());
        Files.writeString(stat, "42 (sh) S 1 42 42 0 -1 4194304 100 0 0 0 5 3 0 0 20 0 1 0 500 1000000 200 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        ProcessTable table = ProcessTableReader.read(HostPaths.snapshotTree(tmp)).get();
        assertNull(table.readNanos());
        assertEquals(2.0, table.secondsUntil(0, table, 0, 2.0), "the snapshots' own interval stands");
    }
}
