package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.testkit.LoadProgram;
import dev.saturn.testkit.Needs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The processes behind each resource against pidstat -u -r -d on real loads: a stress-ng CPU worker at 60 %, a
 * stress-ng VM worker holding 64 MiB, an O_DIRECT writer, an O_DIRECT reader and a program that takes a major fault
 * every 10 ms (the last three compiled here from testkit's load.c; the faults paced, as a rate that follows the CPU it
 * gets on a loaded machine differs between two windows a moment apart). pidstat and saturn's sampler start together over the
 * same 10 s; each load's CPU %, RSS, major faults/s and disk kB/s must agree within 5 % or 2 points. Skipped
 * (failed in CI) without pidstat, stress-ng or gcc; skipped where the working directory is not on a block device.
 */
@Isolated
class ProcessesAgainstPidstatTest {
    private static final int SECONDS = 10;
    private static final double RELATIVE = 0.05;

    @TempDir
    Path tmp;

    @Test
    void cpuMemoryFaultsAndDiskMatchPidstat() throws Exception {
        Needs.tools("pidstat", "stress-ng", "gcc");
        Path load = LoadProgram.compile(tmp);
        // on disk, not tmpfs: target/ of this module
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pidstat-");
        Path file = dir.resolve("load.dat");
        run(List.of("dd", "if=/dev/zero", "of=" + file, "bs=1M", "count=64", "oflag=direct", "status=none"));
        List<Process> loads = new ArrayList<>();
        try {
            Process cpu = start(loads, "stress-ng", "--cpu", "1", "--cpu-load", "60", "--cpu-load-slice", "10", "--timeout", "60s", "-q");
            Process vm = start(loads, "stress-ng", "--vm", "1", "--vm-bytes", "64M", "--vm-keep", "--vm-hang", "0", "--timeout", "60s", "-q");
            Process writer = ready(start(loads, load.toString(), "write", file.toString()));
            Process reader = ready(start(loads, load.toString(), "read", file.toString()));
            Process faulter = ready(start(loads, load.toString(), "fault", file.toString()));
            long cpuWorker = worker(cpu);
            // stress-ng's VM stressor maps its memory in a process of its own below the worker: the youngest
            long vmWorker = dev.saturn.testkit.Poll.until(Duration.ofSeconds(30), "stress-ng's VM process holding 64 MiB",
                    () -> vm.descendants().map(ProcessHandle::pid).max(Long::compare).filter(pid -> rssKb(pid) > 32 * 1024));
            Thread.sleep(2_000);
            List<Long> pids = List.of(cpuWorker, vmWorker, writer.pid(), reader.pid(), faulter.pid());
            ProcessBuilder pb = new ProcessBuilder("pidstat", "-h", "-u", "-r", "-d", "-p",
                    pids.stream().map(String::valueOf).collect(Collectors.joining(",")), String.valueOf(SECONDS), "1");
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("S_COLORS", "never");
            pb.redirectErrorStream(true);
            List<ProcessRanking> rankings;
            String output;
            try (LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), true, false)) {
                Process pidstat = pb.start();
                BufferedReader lines = new BufferedReader(new InputStreamReader(pidstat.getInputStream(), StandardCharsets.UTF_8));
                // pidstat prints its banner as it takes its first reading: start the sampler then
                String banner = lines.readLine();
                SnapshotPair pair = sampler.next(Duration.ofSeconds(SECONDS), f -> { });
                output = banner + "\n" + lines.lines().collect(Collectors.joining("\n"));
                assertTrue(pidstat.waitFor(30, TimeUnit.SECONDS) && pidstat.exitValue() == 0, output);
                rankings = ProcessRankings.of(pair.before().processes().get(), pair.after().processes().get(),
                        pair.before().secondsUntil(pair.after()), Integer.MAX_VALUE);
            }
            Map<Long, Map<String, Double>> rows = rows(output);
            compare("stress-ng-cpu %CPU", rows, cpuWorker, "%CPU", rankings, "cpu_pct", 1, 2.0, output);
            compare("stress-ng-vm RSS kB", rows, vmWorker, "RSS", rankings, "rss", 1024, 0, output);
            compare("writer kB_wr/s", rows, writer.pid(), "kB_wr/s", rankings, "write_bytes", 1024, 0, output);
            compare("reader kB_rd/s", rows, reader.pid(), "kB_rd/s", rankings, "read_bytes", 1024, 0, output);
            compare("faulter majflt/s", rows, faulter.pid(), "majflt/s", rankings, "major_faults", 1, 0, output);
            compare("faulter %CPU", rows, faulter.pid(), "%CPU", rankings, "cpu_pct", 1, 2.0, output);
        } finally {
            for (Process p : loads) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    /** pidstat's figure and saturn's agree within 5 % of pidstat's, or {@code points} for a percentage. */
    private static void compare(String what, Map<Long, Map<String, Double>> rows, long pid, String column,
                                List<ProcessRanking> rankings, String metric, double scale, double points, String output) {
        Map<String, Double> row = rows.get(pid);
        assertTrue(row != null && row.containsKey(column), "pidstat printed no " + column + " for " + pid + ":\n" + output);
        double theirs = row.get(column);
        double ours = rankings.stream().filter(r -> r.metric().equals(metric)).flatMap(r -> r.top().stream())
                .filter(f -> f.pid() == pid).mapToDouble(ProcessFigure::value).findFirst().orElse(0) / scale;
        System.out.printf(Locale.ROOT, "[pidstat] %-20s saturn %12.2f | pidstat %12.2f%n", what, ours, theirs);
        assertTrue(theirs > 0, what + ": the load did not show in pidstat:\n" + output);
        double tolerance = Math.max(RELATIVE * Math.abs(theirs), points);
        assertEquals(theirs, ours, tolerance, what + " (pid " + pid + "), saturn vs pidstat\n" + output);
    }

    /** pidstat -h's lines by PID: each column's value. */
    private static Map<Long, Map<String, Double>> rows(String output) {
        String[] header = null;
        Map<Long, Map<String, Double>> out = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.startsWith("#")) {
                header = line.substring(1).trim().split("\\s+");
                continue;
            }
            if (header == null || f.length != header.length) {
                continue;
            }
            Map<String, Double> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                try {
                    row.put(header[i], Double.parseDouble(f[i]));
                } catch (NumberFormatException e) {
                    // Time, Command
                }
            }
            if (row.containsKey("PID")) {
                out.put(row.get("PID").longValue(), row);
            }
        }
        return out;
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
    }

    private static Process start(List<Process> loads, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        loads.add(p);
        return p;
    }

    private static Process ready(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (!"ready".equals(line)) {
            fail("the load did not start: " + line);
        }
        return p;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not yet there
        }
        return 0;
    }

    /** stress-ng's one worker: the child of its parent process. */
    private static long worker(Process stress) throws InterruptedException {
        return dev.saturn.testkit.Poll.until(Duration.ofSeconds(30), "stress-ng's worker",
                () -> stress.children().findFirst().map(ProcessHandle::pid));
    }
}
