package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged or unusual /proc spoils only the cells that need it: they become unavailable with a
 * reason, every other figure stays what the undamaged capture gives, and nothing throws.
 */
class BadInputTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/vm-2cpu-saturn");

    @TempDir
    Path tmp;
    Path before;
    Path after;
    UseReport intact;

    @BeforeEach
    void copyFixture() throws Exception {
        before = copy(FIXTURE.resolve("load-0"), tmp.resolve("before"));
        after = copy(FIXTURE.resolve("load-1"), tmp.resolve("after"));
        intact = CaptureFormulasTest.analyze(before, after);
    }

    @Test
    void truncatedMeminfoEmptiesOnlyMemoryUtilization() throws Exception {
        String meminfo = Files.readString(after.resolve("proc/meminfo"));
        Files.writeString(after.resolve("proc/meminfo"), meminfo.substring(0, meminfo.indexOf("MemAvailable") + 8));
        UseReport r = analyze();
        Cell u = row(r, "memory", null).utilization();
        assertEquals(Status.UNAVAILABLE, u.status());
        assertTrue(u.reason().contains("MemAvailable is missing"), u.reason());
        assertSameAsIntact(r, "cpu", null, "busy_pct");
        assertSameAsIntact(r, "disk", "vda", "util_pct");
    }

    @Test
    void garbledStatMakesCpuUnavailableButNotDisk() throws Exception {
        Files.writeString(after.resolve("proc/stat"), "cpu  12 x 9\n\u0000\u0001garbage\n");
        UseReport r = analyze();
        Cell u = row(r, "cpu", null).utilization();
        assertEquals(Status.UNAVAILABLE, u.status());
        assertTrue(u.reason().contains("garbled"), u.reason());
        assertSameAsIntact(r, "disk", "vda", "w_per_s");
        assertSameAsIntact(r, "memory", null, "used_pct");
    }

    @Test
    void missingFileIsNamedInTheReason() throws Exception {
        Files.delete(after.resolve("proc/net/snmp"));
        UseReport r = analyze();
        Cell s = row(r, "tcp", null).saturation();
        assertEquals(Status.UNAVAILABLE, s.status());
        assertTrue(s.reason().contains("net/snmp does not exist"), s.reason());
        assertSameAsIntact(r, "network", "lo", "rx_bytes_per_s");
    }

    @Test
    void diskstatsOf14And18And20FieldsAllRead() throws Exception {
        for (int fields : new int[] {14, 18, 20}) {
            rewriteDiskstats(before, fields);
            rewriteDiskstats(after, fields);
            UseReport r = analyze();
            for (String metric : new String[] {"util_pct", "aqu_sz", "w_per_s", "wkB_per_s", "r_await_ms"}) {
                assertSameAsIntact(r, "disk", "vda", metric);
            }
        }
    }

    @Test
    void diskstatsLineOfAnotherLengthSpoilsOnlyThatDevice() throws Exception {
        String text = Files.readString(after.resolve("proc/diskstats"));
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(line.contains(" vda ") ? line.substring(0, line.lastIndexOf(' ')) : line).append('\n');
        }
        Files.writeString(after.resolve("proc/diskstats"), out.toString());
        UseReport r = analyze();
        Cell u = row(r, "disk", "vda").utilization();
        assertEquals(Status.UNAVAILABLE, u.status());
        assertTrue(u.reason().contains("fields (expected 14, 18 or 20)"), u.reason());
        assertSameAsIntact(r, "cpu", null, "busy_pct");
    }

    @Test
    void deviceThatDisappearsIsUnavailableNotZero() throws Exception {
        String text = Files.readString(after.resolve("proc/diskstats"));
        Files.writeString(after.resolve("proc/diskstats"), text.replaceAll("(?m)^.* vda .*\n", ""));
        ResourceUse vda = row(analyze(), "disk", "vda");
        assertEquals(Status.UNAVAILABLE, vda.utilization().status());
        assertTrue(vda.utilization().reason().contains("vda has no line"), vda.utilization().reason());
    }

    @Test
    void interfaceThatVanishesBetweenSnapshotsIsUnavailable() throws Exception {
        String text = Files.readString(after.resolve("proc/net/dev"));
        Files.writeString(after.resolve("proc/net/dev"), text.replaceAll("(?m)^\\s*lo:.*\n", ""));
        ResourceUse lo = row(analyze(), "network", "lo");
        assertEquals(Status.UNAVAILABLE, lo.saturation().status());
        assertTrue(lo.saturation().reason().contains("vanished"), lo.saturation().reason());
    }

    @Test
    void deviceThatAppearsDuringTheIntervalIsUnavailable() throws Exception {
        String text = Files.readString(before.resolve("proc/diskstats"));
        Files.writeString(before.resolve("proc/diskstats"), text.replaceAll("(?m)^.* vda .*\n", ""));
        deleteTree(before.resolve("sys/block/vda"));
        ResourceUse vda = row(analyze(), "disk", "vda");
        assertEquals(Status.UNAVAILABLE, vda.saturation().status());
        assertTrue(vda.saturation().reason().contains("appeared"), vda.saturation().reason());
    }

    @Test
    void counterGoingBackwardsIsUnavailableNeverNegative() throws Exception {
        String text = Files.readString(before.resolve("proc/net/dev"));
        Files.writeString(before.resolve("proc/net/dev"), text.replaceFirst("(lo:\\s*)(\\d+)", "$1" + Long.MAX_VALUE / 2));
        ResourceUse lo = row(analyze(), "network", "lo");
        assertNull(lo.metrics().get("rx_bytes_per_s"));
        assertTrue(lo.unavailableMetrics().get("rx_bytes_per_s").contains("went backwards"));
        assertNotNull(lo.metrics().get("tx_bytes_per_s"), "the other direction is still measured");
    }

    @Test
    void kernelWithoutPsiFallsBackToRunQueue() throws Exception {
        deleteTree(before.resolve("proc/pressure"));
        deleteTree(after.resolve("proc/pressure"));
        ResourceUse cpu = row(analyze(), "cpu", null);
        assertEquals("runq_excess", cpu.saturation().metric());
        assertNotNull(cpu.saturation().value());
        assertTrue(cpu.unavailableMetrics().get("psi_some_pct").contains("no PSI"));
        ResourceUse io = row(analyze(), "io", null);
        assertEquals(Status.UNAVAILABLE, io.saturation().status());
    }

    @Test
    void emptyFilesAreUnavailableWithReason() throws Exception {
        Files.writeString(after.resolve("proc/loadavg"), "");
        ResourceUse cpu = row(analyze(), "cpu", null);
        assertNull(cpu.metrics().get("load1"));
        assertTrue(cpu.unavailableMetrics().get("load1").contains("empty"));
    }

    @Test
    void everyResourceKeepsItsRowWhenProcIsEmpty() throws Exception {
        deleteTree(after.resolve("proc"));
        Files.createDirectories(after.resolve("proc"));
        UseReport r = analyze();
        assertTrue(r.resources().size() >= 8, "rows: " + r.resources().size());
        for (ResourceUse row : r.resources()) {
            for (Cell c : new Cell[] {row.utilization(), row.saturation(), row.errors()}) {
                if (c.status() == Status.UNAVAILABLE) {
                    assertNotNull(c.reason(), row.resource() + " has an unavailable cell without a reason");
                }
            }
        }
    }

    private UseReport analyze() throws Exception {
        return CaptureFormulasTest.analyze(before, after);
    }

    private void assertSameAsIntact(UseReport r, String resource, String device, String metric) {
        Double expected = row(intact, resource, device).metrics().get(metric);
        assertNotNull(expected, resource + " " + metric + " in the intact capture");
        assertEquals(expected, row(r, resource, device).metrics().get(metric), 1e-9, resource + " " + metric);
    }

    private static ResourceUse row(UseReport r, String resource, String device) {
        return CaptureFormulasTest.row(r, resource, device);
    }

    /** Rewrites each diskstats line to exactly N fields, padding with zeros or cutting discard/flush fields. */
    private static void rewriteDiskstats(Path dir, int fields) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readString(dir.resolve("proc/diskstats")).split("\n")) {
            String[] f = line.trim().split("\\s+");
            String[] g = new String[fields];
            for (int i = 0; i < fields; i++) {
                g[i] = i < f.length ? f[i] : "0";
            }
            out.append(String.join(" ", g)).append('\n');
        }
        Files.writeString(dir.resolve("proc/diskstats"), out.toString());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
