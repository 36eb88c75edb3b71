package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.testkit.FakeProcRoot;
import dev.saturn.testkit.SmallDisk;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tmpfs file systems are watched, and --root-fs measures a host's mount table under the directory where the
 * host's / is mounted. The "host": tmpfs mounts of known sizes under R, listed at /some/mnt and /tmp in the
 * mount table of a proc root made for the test (FakeProcRoot), as a host's /proc seen from a container.
 */
class RootFsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void withRootFsTheHostsMountsAreMeasuredUnderItAndWithoutItTheyAreUnavailableNotWrong() throws Exception {
        Path r = tmp.resolve("host");
        try (SmallDisk some = SmallDisk.mount(r.resolve("some/mnt"), "4m", "rootFs");
                SmallDisk tmpDir = SmallDisk.mount(r.resolve("tmp"), "8m", "rootFs");
                FakeProcRoot fake = hostProc(some, tmpDir)) {
            Path proc = fake.dir;

            JsonNode rows = use("--proc-root", proc.toString(), "--sys-root", "/sys", "--root-fs", r.toString());
            assertEquals(4 * MIB, row(rows, "/some/mnt").get("metrics").get("size_bytes").asLong(), rows.toString());
            assertEquals(8 * MIB, row(rows, "/tmp").get("metrics").get("size_bytes").asLong(), rows.toString());
            assertEquals(0, row(rows, "/tmp").get("utilization").get("value").asDouble(), 0.5, "an empty tmpfs");

            JsonNode without = use("--proc-root", proc.toString(), "--sys-root", "/sys");
            for (String mountPoint : new String[] {"/some/mnt", "/tmp"}) {
                JsonNode row = row(without, mountPoint);
                assertTrue(row.get("metrics").get("size_bytes").isNull(), "not this host's " + mountPoint + ": " + row);
                assertEquals("unavailable", row.get("utilization").get("status").asText(), row.toString());
                assertTrue(row.get("unavailable_metrics").get("size_bytes").asText().contains("give --root-fs DIR"), row.toString());
            }
            // /tmp exists on this host, on another file system: its figures would have been a silent wrong number
            assertTrue(row(without, "/tmp").get("unavailable_metrics").get("size_bytes").asText().contains("(device "),
                    row(without, "/tmp").toString());
        }
    }

    @Test
    void aSnapshotWithRootFsKeepsTheHostsTableAndReadsBackTheSameSizes() throws Exception {
        Path r = tmp.resolve("host");
        try (SmallDisk some = SmallDisk.mount(r.resolve("some/mnt"), "4m", "rootFs snapshot");
                SmallDisk tmpDir = SmallDisk.mount(r.resolve("tmp"), "8m", "rootFs snapshot");
                FakeProcRoot fake = hostProc(some, tmpDir)) {
            Path proc = fake.dir;
            for (String name : new String[] {"a", "b"}) {
                CliRun snap = CliRun.of("snapshot", "--proc-root", proc.toString(), "--sys-root", "/sys", "--root-fs", r.toString(),
                        tmp.resolve(name).toString());
                assertEquals(0, snap.exit(), snap.err());
            }
            CliRun run = CliRun.of("use", "--json", "--snapshot-pair", tmp.resolve("a").toString(), tmp.resolve("b").toString());
            assertEquals(0, run.exit(), run.err());
            JsonNode rows = JSON.readTree(run.out()).get("resources");
            assertEquals(4 * MIB, row(rows, "/some/mnt").get("metrics").get("size_bytes").asLong(), rows.toString());
            assertEquals(8 * MIB, row(rows, "/tmp").get("metrics").get("size_bytes").asLong(), rows.toString());
        }
    }

    @Test
    void aFullTmpfsIsACriticalFinding() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("full"), "1m", "aFullTmpfsIsACriticalFinding")) {
            disk.fill();
            CliRun run = CliRun.of("use", "--json", "--interval", "100ms");
            assertEquals(0, run.exit(), run.err());
            JsonNode report = JSON.readTree(run.out());
            JsonNode row = row(report.get("resources"), disk.mount.toString());
            assertEquals("crit", row.get("utilization").get("status").asText(), row.toString());
            assertEquals(100, row.get("metrics").get("used_pct").asDouble(), 0.01, row.toString());
            boolean found = false;
            for (JsonNode f : report.get("findings")) {
                found |= f.get("severity").asText().equals("crit") && f.get("text").asText().contains(disk.mount.toString());
            }
            assertTrue(found, "a crit finding names the full tmpfs: " + report.get("findings"));
        }
    }

    @Test
    void aRootFsThatIsNotADirectoryIsRefused() {
        CliRun run = CliRun.of("use", "--root-fs", tmp.resolve("nowhere").toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("saturn: --root-fs " + tmp.resolve("nowhere") + " is not a directory: give where the host's / is mounted (e.g. /host)\n",
                run.err());
        assertTrue(CliRun.of("agent", "--root-fs", tmp.resolve("nowhere").toString(), "--data-dir", tmp.resolve("d").toString()).oneLineError());
        assertTrue(CliRun.of("use", "--root-fs", "/", "--snapshot-pair", "a", "b").oneLineError());
    }

    private FakeProcRoot hostProc(SmallDisk some, SmallDisk tmpDir) throws Exception {
        Map<String, Path> table = new LinkedHashMap<>();
        table.put("/some/mnt", some.mount);
        table.put("/tmp", tmpDir.mount);
        return FakeProcRoot.create(tmp.resolve("proc"), table);
    }

    private static JsonNode use(String... roots) throws Exception {
        String[] args = new String[roots.length + 4];
        args[0] = "use";
        args[1] = "--json";
        args[2] = "--interval";
        args[3] = "100ms";
        System.arraycopy(roots, 0, args, 4, roots.length);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out()).get("resources");
    }

    static JsonNode row(JsonNode rows, String mountPoint) {
        for (JsonNode row : rows) {
            if (row.get("resource").asText().equals("filesystem") && mountPoint.equals(row.get("device").asText())) {
                return row;
            }
        }
        throw new AssertionError("no filesystem row for " + mountPoint + " in " + rows);
    }
}
