package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Saturn against sysstat on this very machine: a real load runs, then mpstat, iostat or sar and
 * saturn's {@link LiveSampler} measure the same interval, and their figures must agree.
 *
 * <p>Both sides read the same kernel counters (/proc/stat, /proc/diskstats, /proc/net/dev), so
 * what is compared is the arithmetic and the interval handling, not the kernel. The windows are
 * aligned by starting the sysstat tool and saturn's sampler back to back after the load has had
 * time to settle; the loads are chosen to be steady at a fine time scale (short CPU slices, a
 * direct-I/O writer that only overwrites allocated blocks, a loopback socket pump), so the few
 * milliseconds by which the two windows can differ do not move the figures.
 *
 * <p>Skipped, with a message, where sysstat or stress-ng (failed in CI, which installs them) or a disk-backed
 * directory is missing.
 * Every run prints the compared figures so the CI log shows them. Isolated: its loads would skew
 * timing-sensitive tests running beside it, and theirs would make its loads less steady.
 */
@Isolated
class AccuracyAgainstSysstatTest {
    private static final int INTERVAL_SECONDS = 5;
    private static final long SETTLE_MILLIS = 2_000;
    private static final long LOAD_TIMEOUT_SECONDS = 60;
    /** The CPU tolerance, and the %util tolerance, in percentage points. */
    private static final double POINTS = 2.0;
    /** The tolerance on rates and queue sizes, relative to sysstat's figure. */
    private static final double RELATIVE = 0.05;
    /** A rate below this would make the relative comparison vacuous. */
    private static final double MEANINGFUL_BYTES_PER_S = 1_000_000;

    @BeforeAll
    static void linuxWithWarmSampler() throws InterruptedException {
        Needs.machine(Files.isReadable(Path.of("/proc/stat")) && Files.isReadable(Path.of("/proc/diskstats")),
                "no Linux /proc here");
        // Load and link saturn's readers once, so the measured snapshots are not slowed by class loading.
        try (LiveSampler warm = new LiveSampler(HostPaths.liveHost(), false, false)) {
            new UseAnalyzer(Thresholds.defaults()).analyze(warm.next(Duration.ofMillis(200), f -> { }));
        }
    }

    @Test
    void cpuBusyMatchesMpstat(@TempDir Path tmp) throws Exception {
        Needs.tools("mpstat", "stress-ng");
        int cpus = Runtime.getRuntime().availableProcessors();
        // Every CPU 60 % busy in 10 ms slices: steady at the scale of the windows' misalignment.
        Process load = startLoad(tmp, "cpu", List.of("stress-ng", "--cpu", String.valueOf(cpus), "--cpu-load", "60",
                "--cpu-load-slice", "10", "--temp-path", tmp.toString(), "--timeout", LOAD_TIMEOUT_SECONDS + "s", "-q"));
        try {
            settle(load, tmp, "cpu");
            Measured m = measure(tmp, List.of("mpstat", String.valueOf(INTERVAL_SECONDS), "1"));
            Map<String, Double> all = SysstatTable.row(m.output(), "CPU", "all");
            // mpstat takes guest out of %usr and guest_nice out of %nice, and shows them apart.
            String out = m.output();
            double mpstatBusy = column(all, "%usr", out) + column(all, "%nice", out) + column(all, "%sys", out)
                    + column(all, "%irq", out) + column(all, "%soft", out)
                    + all.getOrDefault("%guest", 0.0) + all.getOrDefault("%gnice", 0.0); // absent before sysstat 9
            double saturnBusy = metric(m.report(), "cpu", null, "busy_pct");

            report("cpu", "busy_pct", saturnBusy, "mpstat %usr+%nice+%sys+%irq+%soft+%guest+%gnice", mpstatBusy, "%");
            assertTrue(mpstatBusy >= 20, "the CPU load did not take hold: mpstat saw only "
                    + fmt(mpstatBusy) + " % busy\n" + m.output());
            assertEquals(mpstatBusy, saturnBusy, POINTS, "cpu busy_pct, saturn vs mpstat (percentage points)\n" + m.output());
        } finally {
            stop(load);
        }
    }

    @Test
    void diskMatchesIostat() throws Exception {
        Needs.tools("iostat", "dd", "sh", "timeout");
        Optional<DiskDir> target = diskBackedDirectory();
        Needs.machine(target.isPresent(), "neither java.io.tmpdir nor ./target"
                + " is on a block device found in /sys/dev/block (tmpfs, overlay or network filesystem?)");
        String dev = target.get().device();
        Path dir = Files.createTempDirectory(target.get().parent(), "saturn-accuracy-");
        Process load = null;
        try {
            Path file = dir.resolve("direct-write.load");
            // Allocate the blocks first, so the load below overwrites them in place: pure data writes,
            // no allocation, no unlink, no discard, nothing but steady 64 KiB direct writes. (stress-ng
            // 0.15's --hdd, even with --hdd-opts direct,wr-seq, also reads back and unlinks its file each
            // round, which mixes in reads and 15 ms discards and makes the rates lurch.)
            Process prefill = new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=64", "oflag=direct",
                    "status=none").redirectErrorStream(true).redirectOutput(dir.resolve("prefill.log").toFile()).start();
            boolean done = prefill.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                stop(prefill);
                fail("dd could not write 64 MiB in 60 s to " + dir);
            }
            Needs.machine(prefill.exitValue() == 0, "O_DIRECT writes fail in " + dir
                    + ": " + Files.readString(dir.resolve("prefill.log")).trim());
            String loop = "while :; do dd if=/dev/zero of=\"$1\" bs=64k count=1024 oflag=direct conv=notrunc status=none"
                    + " || exit 1; done";
            load = startLoad(dir, "disk", List.of("timeout", String.valueOf(LOAD_TIMEOUT_SECONDS), "sh", "-c", loop, "sh",
                    file.toString()));
            settle(load, dir, "disk");
            System.out.printf(Locale.ROOT, "[accuracy] disk: %s backs %s%n", dev, dir);
            Measured m = measure(dir, List.of("iostat", "-dxy", dev, String.valueOf(INTERVAL_SECONDS), "1"));
            Map<String, Double> row = SysstatTable.row(m.output(), "Device", dev);

            double wkB = column(row, "wkB/s", m.output());
            double ws = column(row, "w/s", m.output());
            double aqu = column(row, "aqu-sz", m.output());
            double util = column(row, "%util", m.output());
            double saturnWkB = metric(m.report(), "disk", dev, "wkB_per_s");
            double saturnWs = metric(m.report(), "disk", dev, "w_per_s");
            double saturnAqu = metric(m.report(), "disk", dev, "aqu_sz");
            double saturnUtil = metric(m.report(), "disk", dev, "util_pct");
            report("disk " + dev, "util_pct", saturnUtil, "iostat %util", util, "%");
            report("disk " + dev, "aqu_sz", saturnAqu, "iostat aqu-sz", aqu, "");
            report("disk " + dev, "w_per_s", saturnWs, "iostat w/s", ws, "/s");
            report("disk " + dev, "wkB_per_s", saturnWkB, "iostat wkB/s", wkB, "kB/s");

            assertTrue(wkB * 1024 >= MEANINGFUL_BYTES_PER_S && ws >= 50 && aqu >= 0.05 && util >= 5,
                    "the direct-write load did not reach " + dev + " (wkB/s " + wkB + ", w/s " + ws + ", aqu-sz " + aqu
                            + ", %util " + util + ")\n" + m.output());
            List<String> failures = new ArrayList<>();
            within(failures, "util_pct vs %util (points)", saturnUtil, util, POINTS);
            relative(failures, "aqu_sz vs aqu-sz", saturnAqu, aqu);
            relative(failures, "w_per_s vs w/s", saturnWs, ws);
            relative(failures, "wkB_per_s vs wkB/s", saturnWkB, wkB);
            assertTrue(failures.isEmpty(), "disk " + dev + ", saturn vs iostat: " + String.join("; ", failures) + "\n" + m.output());
        } finally {
            if (load != null) {
                stop(load);
            }
            deleteTree(dir);
        }
    }

    @Test
    void loopbackMatchesSar(@TempDir Path tmp) throws Exception {
        Needs.tools("sar", "stress-ng");
        Needs.machine(Files.isDirectory(Path.of("/sys/class/net/lo")), "no lo interface");
        Process load = startLoad(tmp, "network", List.of("stress-ng", "--sock", "1", "--sock-if", "lo", "--sock-port",
                String.valueOf(freePort()), "--temp-path", tmp.toString(), "--timeout", LOAD_TIMEOUT_SECONDS + "s", "-q"));
        try {
            settle(load, tmp, "network");
            Measured m = measure(tmp, List.of("sar", "-n", "DEV", String.valueOf(INTERVAL_SECONDS), "1"));
            Map<String, Double> lo = SysstatTable.row(m.output(), "IFACE", "lo");
            // sysstat's kB are 1024 bytes: pr_stats.c prints S_VALUE(rx_bytes) / 1024.
            double sarRx = column(lo, "rxkB/s", m.output()) * 1024;
            double sarTx = column(lo, "txkB/s", m.output()) * 1024;
            double saturnRx = metric(m.report(), "network", "lo", "rx_bytes_per_s");
            double saturnTx = metric(m.report(), "network", "lo", "tx_bytes_per_s");
            report("network lo", "rx_bytes_per_s", saturnRx, "sar rxkB/s*1024", sarRx, "B/s");
            report("network lo", "tx_bytes_per_s", saturnTx, "sar txkB/s*1024", sarTx, "B/s");

            assertTrue(sarRx >= MEANINGFUL_BYTES_PER_S && sarTx >= MEANINGFUL_BYTES_PER_S,
                    "the loopback load did not take hold: sar saw rx " + sarRx + " B/s, tx " + sarTx + " B/s\n" + m.output());
            List<String> failures = new ArrayList<>();
            relative(failures, "rx_bytes_per_s vs rxkB/s", saturnRx, sarRx);
            relative(failures, "tx_bytes_per_s vs txkB/s", saturnTx, sarTx);
            assertTrue(failures.isEmpty(), "network lo, saturn vs sar: " + String.join("; ", failures) + "\n" + m.output());
        } finally {
            stop(load);
        }
    }

    // ---------------------------------------------------------------- measuring

    private record Measured(UseReport report, String output) {
    }

    /**
     * Starts the sysstat tool and saturn's sampler back to back, so both take their first reading
     * within a few milliseconds of each other and their second one {@link #INTERVAL_SECONDS} later.
     */
    private static Measured measure(Path dir, List<String> command) throws Exception {
        Path out = dir.resolve(command.get(0) + ".out");
        Path err = dir.resolve(command.get(0) + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().put("S_COLORS", "never");
        UseReport report;
        try (LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), false, false)) {
            Process tool = pb.start();
            try {
                SnapshotPair pair = sampler.next(Duration.ofSeconds(INTERVAL_SECONDS), f -> { });
                report = new UseAnalyzer(Thresholds.defaults()).analyze(pair);
            } finally {
                if (!tool.waitFor(INTERVAL_SECONDS + 15, TimeUnit.SECONDS)) {
                    stop(tool);
                    fail(String.join(" ", command) + " did not finish within " + (INTERVAL_SECONDS + 15) + " s");
                }
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, tool.exitValue(), String.join(" ", command) + " failed: " + stderr);
        }
        return new Measured(report, Files.readString(out, StandardCharsets.UTF_8));
    }

    private static double metric(UseReport report, String resource, String device, String name) {
        for (ResourceUse row : report.resources()) {
            // A disk behind md with several members is a "virtual_disk" row; any other is "disk".
            boolean resourceMatches = resource.equals(row.resource()) || ("virtual_" + resource).equals(row.resource());
            boolean deviceMatches = device == null ? row.device() == null : device.equals(row.device());
            if (resourceMatches && deviceMatches) {
                Double v = row.metric(name);
                assertNotNull(v, "saturn has no " + name + " for " + row.resource() + " " + row.device() + ": "
                        + row.unavailableMetrics().get(name));
                return v;
            }
        }
        return fail("saturn's report has no " + resource + " row"
                + (device == null ? "" : " for " + device));
    }

    private static double column(Map<String, Double> row, String name, String output) {
        Double v = row.get(name);
        assertNotNull(v, "sysstat printed no " + name + " column:\n" + output);
        return v;
    }

    // ---------------------------------------------------------------- comparing and printing

    private static void report(String what, String metric, double saturn, String tool, double sysstat, String unit) {
        double diff = saturn - sysstat;
        String rel = Math.abs(sysstat) > 0 ? String.format(Locale.ROOT, " (%+.2f %%)", 100 * diff / sysstat) : "";
        System.out.printf(Locale.ROOT, "[accuracy] %-12s %-15s saturn %14.3f %-5s | %s %14.3f | diff %+.3f%s%n",
                what, metric, saturn, unit, tool, sysstat, diff, rel);
    }

    private static void within(List<String> failures, String what, double saturn, double sysstat, double points) {
        if (Math.abs(saturn - sysstat) > points) {
            failures.add(String.format(Locale.ROOT, "%s: saturn %.3f, sysstat %.3f, off by %.3f (> %.1f)",
                    what, saturn, sysstat, saturn - sysstat, points));
        }
    }

    private static void relative(List<String> failures, String what, double saturn, double sysstat) {
        double off = Math.abs(saturn - sysstat) / Math.abs(sysstat);
        if (!(off <= RELATIVE)) {
            failures.add(String.format(Locale.ROOT, "%s: saturn %.3f, sysstat %.3f, off by %.2f %% (> %.0f %%)",
                    what, saturn, sysstat, 100 * off, 100 * RELATIVE));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // ---------------------------------------------------------------- sysstat output

    /**
     * Reads one row of a sysstat table by column names. Columns are matched from the right, since the
     * metric columns end every line while the left edge varies: "HH:MM:SS", "HH:MM:SS AM", "Average:",
     * or nothing at all (iostat -x).
     */
    static final class SysstatTable {
        private SysstatTable() {
        }

        static Map<String, Double> row(String output, String keyColumn, String key) {
            String[] header = null;
            for (String line : output.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (line.isBlank()) {
                    continue;
                }
                if (Arrays.asList(f).contains(keyColumn)) {
                    header = f;
                    continue;
                }
                if (header == null) {
                    continue;
                }
                int keyAt = f.length - (header.length - Arrays.asList(header).indexOf(keyColumn));
                if (keyAt < 0 || !f[keyAt].equals(key)) {
                    continue;
                }
                Map<String, Double> values = new LinkedHashMap<>();
                for (int i = Arrays.asList(header).indexOf(keyColumn) + 1; i < header.length; i++) {
                    String cell = f[f.length - (header.length - i)];
                    try {
                        values.put(header[i], Double.parseDouble(cell));
                    } catch (NumberFormatException e) {
                        throw new AssertionError("sysstat column " + header[i] + " holds '" + cell + "':\n" + output);
                    }
                }
                return values;
            }
            throw new AssertionError("no row with " + keyColumn + " = " + key + " in sysstat's output:\n" + output);
        }
    }

    // ---------------------------------------------------------------- loads and processes

    private static Process startLoad(Path dir, String name, List<String> command) throws IOException {
        System.out.println("[accuracy] load: " + String.join(" ", command));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-load.log").toFile()).start();
    }

    /** Gives the load time to reach its steady state, and checks it is still running. */
    private static void settle(Process load, Path dir, String name) throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        if (!load.isAlive()) {
            fail("the " + name + " load exited early with status " + load.exitValue() + ": "
                    + Files.readString(dir.resolve(name + "-load.log")));
        }
    }

    /**
     * Kills a process and everything it started, and waits (bounded) for all of them to go. The tree
     * is listed before anything is killed: once a parent dies its children are re-parented and no
     * longer its descendants. (A dd that the disk load's shell loop forks between the listing and the
     * kill escapes, but it writes a fixed 64 MiB and ends by itself within a second.)
     */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        tree.addAll(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                System.out.println("[accuracy] warning: pid " + h.pid() + " still alive 10 s after SIGKILL");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---------------------------------------------------------------- which disk

    private record DiskDir(Path parent, String device) {
    }

    /** The first of java.io.tmpdir and ./target that sits on a block device, with that device's disk. */
    private static Optional<DiskDir> diskBackedDirectory() throws IOException {
        for (Path candidate : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("target"))) {
            if (Files.isDirectory(candidate) && Files.isWritable(candidate)) {
                Optional<String> disk = wholeDisk(candidate);
                if (disk.isPresent()) {
                    return Optional.of(new DiskDir(candidate.toAbsolutePath(), disk.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The whole disk under a path's filesystem: its st_dev through /sys/dev/block, up from a
     * partition to its disk, down from a dm or md device to the single device beneath it.
     */
    private static Optional<String> wholeDisk(Path path) throws IOException {
        long dev = ((Number) Files.getAttribute(path, "unix:dev")).longValue();
        long major = ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
        Path node = Path.of("/sys/dev/block", major + ":" + minor);
        if (!Files.exists(node)) {
            return Optional.empty();
        }
        Path sys = node.toRealPath();
        for (int depth = 0; depth < 8; depth++) {
            if (Files.exists(sys.resolve("partition"))) {
                sys = sys.getParent();
            }
            Path slaves = sys.resolve("slaves");
            List<Path> below = List.of();
            if (Files.isDirectory(slaves)) {
                try (Stream<Path> s = Files.list(slaves)) {
                    below = s.toList();
                }
            }
            if (below.size() != 1) {
                break;
            }
            sys = below.get(0).toRealPath();
        }
        String name = sys.getFileName().toString();
        return Files.isDirectory(Path.of("/sys/block", name)) ? Optional.of(name) : Optional.empty();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
