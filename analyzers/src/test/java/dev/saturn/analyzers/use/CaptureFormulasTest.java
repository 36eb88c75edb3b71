package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * On real captures, every metric docs/metrics.md lists is reproduced within 0.5 % relative of
 * its formula, computed here from the raw files by an independent, naive parse.
 */
class CaptureFormulasTest {
    private static final Path OWN = Path.of("src/test/resources/fixtures/vm-2cpu-saturn");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "cpu", List.of("per_cpu_max_busy_pct", "iowait_pct", "steal_pct", "psi_some_pct", "runq_avg", "load1"),
            "memory", List.of("psi_some_pct", "psi_full_pct", "swap_pages_per_s", "pgscan_kswapd_per_s",
                    "pgscan_direct_per_s", "pgmajfault_per_s", "oom_kills"),
            "disk", List.of("r_per_s", "w_per_s", "rkB_per_s", "wkB_per_s", "r_await_ms", "w_await_ms", "aqu_sz", "util_pct"),
            "network", List.of("rx_bytes_per_s", "tx_bytes_per_s", "rx_packets_per_s", "tx_packets_per_s", "speed_mbps"),
            "tcp", List.of("retrans_segs_per_s", "retrans_ratio", "listen_overflows", "listen_drops"),
            "io", List.of("psi_some_pct", "psi_full_pct"));

    @TestFactory
    Stream<DynamicTest> ownCapturesMatchTheFormulas() {
        return pairs(OWN);
    }

    @TestFactory
    Stream<DynamicTest> sharedCapturesMatchTheFormulas() {
        return pairs(SharedData.require("testdata/procfs/vm-2cpu-cgroup1"));
    }

    @Test
    void ownFixturesExist() {
        assertTrue(Files.isDirectory(OWN.resolve("load-1/proc")), "committed fixture missing: " + OWN);
    }

    private static Stream<DynamicTest> pairs(Path root) {
        return Stream.of("idle", "load").map(kind -> DynamicTest.dynamicTest(root.getFileName() + "/" + kind,
                () -> check(root.resolve(kind + "-0"), root.resolve(kind + "-1"))));
    }

    static UseReport analyze(Path before, Path after) throws Exception {
        return new UseAnalyzer(Thresholds.defaults())
                .analyze(new SnapshotPair(SnapshotReader.tree(before), SnapshotReader.tree(after), List.of()));
    }

    private static void check(Path beforeDir, Path afterDir) throws Exception {
        UseReport report = analyze(beforeDir, afterDir);
        RawTree b = new RawTree(beforeDir);
        RawTree a = new RawTree(afterDir);
        double t = a.timestamp() - b.timestamp();
        assertEquals(t, report.intervalSeconds(), 1e-9);
        List<String> failures = new ArrayList<>();

        Map<String, Double> cpu = expectCpu(b, a, t);
        compare(failures, row(report, "cpu", null), cpu);
        compare(failures, row(report, "memory", null), expectMemory(b, a, t));
        compare(failures, row(report, "io", null), Map.of(
                "psi_some_pct", 100.0 * (a.psiTotal("proc/pressure/io", "some") - b.psiTotal("proc/pressure/io", "some")) / (t * 1e6),
                "psi_full_pct", 100.0 * (a.psiTotal("proc/pressure/io", "full") - b.psiTotal("proc/pressure/io", "full")) / (t * 1e6)));
        compare(failures, row(report, "tcp", null), expectTcp(b, a, t));

        List<String> physical = physicalDisks(a);
        assertFalse(physical.isEmpty(), "the capture has a physical disk");
        for (String device : physical) {
            compare(failures, row(report, "disk", device), expectDisk(b.disk(device), a.disk(device), t));
        }
        List<String> up = upInterfaces(a);
        assertFalse(up.isEmpty(), "the capture has an interface that is up");
        for (String iface : up) {
            long[] x = b.netDev(iface);
            long[] y = a.netDev(iface);
            Map<String, Double> e = new LinkedHashMap<>();
            e.put("rx_bytes_per_s", (y[0] - x[0]) / t);
            e.put("tx_bytes_per_s", (y[8] - x[8]) / t);
            e.put("rx_packets_per_s", (y[1] - x[1]) / t);
            e.put("tx_packets_per_s", (y[9] - x[9]) / t);
            String speed = a.exists("sys/class/net/" + iface + "/speed") ? a.text("sys/class/net/" + iface + "/speed").trim() : "";
            e.put("speed_mbps", speed.isEmpty() || speed.startsWith("-") ? null : Double.parseDouble(speed));
            compare(failures, row(report, "network", iface), e);
        }
        for (ResourceUse r : report.resources()) {
            for (String name : REQUIRED.getOrDefault(r.resource(), List.of())) {
                if (!r.metrics().containsKey(name)) {
                    failures.add(r.resource() + " " + r.device() + " lacks required metric " + name);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static Map<String, Double> expectCpu(RawTree b, RawTree a, double t) {
        String[] x = b.line("proc/stat", "cpu");
        String[] y = a.line("proc/stat", "cpu");
        double total = d(y, x, 1) + d(y, x, 2) + d(y, x, 3) + d(y, x, 4) + d(y, x, 5) + d(y, x, 6) + d(y, x, 7) + d(y, x, 8);
        Map<String, Double> e = new LinkedHashMap<>();
        e.put("busy_pct", 100 * (d(y, x, 1) + d(y, x, 2) + d(y, x, 3) + d(y, x, 6) + d(y, x, 7)) / total);
        e.put("iowait_pct", 100 * d(y, x, 5) / total);
        e.put("steal_pct", 100 * d(y, x, 8) / total);
        double max = 0;
        for (int cpu = 0; b.line("proc/stat", "cpu" + cpu) != null; cpu++) {
            String[] p = b.line("proc/stat", "cpu" + cpu);
            String[] q = a.line("proc/stat", "cpu" + cpu);
            double tot = d(q, p, 1) + d(q, p, 2) + d(q, p, 3) + d(q, p, 4) + d(q, p, 5) + d(q, p, 6) + d(q, p, 7) + d(q, p, 8);
            max = Math.max(max, 100 * (d(q, p, 1) + d(q, p, 2) + d(q, p, 3) + d(q, p, 6) + d(q, p, 7)) / tot);
        }
        e.put("per_cpu_max_busy_pct", max);
        e.put("psi_some_pct", 100.0 * (a.psiTotal("proc/pressure/cpu", "some") - b.psiTotal("proc/pressure/cpu", "some")) / (t * 1e6));
        double running = (b.field("proc/stat", "procs_running", 1) + a.field("proc/stat", "procs_running", 1)) / 2.0;
        e.put("runq_avg", Math.max(0, running - 1));
        e.put("load1", Double.parseDouble(a.text("proc/loadavg").split(" ")[0]));
        return e;
    }

    private static Map<String, Double> expectMemory(RawTree b, RawTree a, double t) {
        Map<String, Long> mi = a.keyed("proc/meminfo");
        Map<String, Long> vb = b.keyed("proc/vmstat");
        Map<String, Long> va = a.keyed("proc/vmstat");
        Map<String, Double> e = new LinkedHashMap<>();
        e.put("used_pct", 100.0 * (1 - (double) mi.get("MemAvailable") / mi.get("MemTotal")));
        e.put("psi_some_pct", 100.0 * (a.psiTotal("proc/pressure/memory", "some") - b.psiTotal("proc/pressure/memory", "some")) / (t * 1e6));
        e.put("psi_full_pct", 100.0 * (a.psiTotal("proc/pressure/memory", "full") - b.psiTotal("proc/pressure/memory", "full")) / (t * 1e6));
        e.put("swap_pages_per_s", mi.get("SwapTotal") == 0 ? null
                : (va.get("pswpin") - vb.get("pswpin") + va.get("pswpout") - vb.get("pswpout")) / t);
        e.put("pgscan_kswapd_per_s", (va.get("pgscan_kswapd") - vb.get("pgscan_kswapd")) / t);
        e.put("pgscan_direct_per_s", (va.get("pgscan_direct") - vb.get("pgscan_direct")) / t);
        e.put("pgmajfault_per_s", (va.get("pgmajfault") - vb.get("pgmajfault")) / t);
        e.put("oom_kills", (double) (va.get("oom_kill") - vb.get("oom_kill")));
        return e;
    }

    private static Map<String, Double> expectTcp(RawTree b, RawTree a, double t) {
        Map<String, Double> e = new LinkedHashMap<>();
        long retrans = a.protocol("proc/net/snmp", "Tcp.RetransSegs") - b.protocol("proc/net/snmp", "Tcp.RetransSegs");
        long out = a.protocol("proc/net/snmp", "Tcp.OutSegs") - b.protocol("proc/net/snmp", "Tcp.OutSegs");
        e.put("retrans_segs_per_s", retrans / t);
        e.put("retrans_ratio", out == 0 ? null : (double) retrans / out);
        e.put("listen_overflows", (double) (a.protocol("proc/net/netstat", "TcpExt.ListenOverflows") - b.protocol("proc/net/netstat", "TcpExt.ListenOverflows")));
        e.put("listen_drops", (double) (a.protocol("proc/net/netstat", "TcpExt.ListenDrops") - b.protocol("proc/net/netstat", "TcpExt.ListenDrops")));
        return e;
    }

    private static Map<String, Double> expectDisk(String[] x, String[] y, double t) {
        Map<String, Double> e = new LinkedHashMap<>();
        double reads = d(y, x, 4);
        double writes = d(y, x, 8);
        e.put("r_per_s", reads / t);
        e.put("w_per_s", writes / t);
        e.put("rkB_per_s", d(y, x, 6) / 2 / t);
        e.put("wkB_per_s", d(y, x, 10) / 2 / t);
        e.put("r_await_ms", reads == 0 ? null : d(y, x, 7) / reads);
        e.put("w_await_ms", writes == 0 ? null : d(y, x, 11) / writes);
        e.put("aqu_sz", d(y, x, 14) / (t * 1000));
        e.put("util_pct", 100 * d(y, x, 13) / (t * 1000));
        return e;
    }

    private static double d(String[] after, String[] before, int i) {
        return Long.parseLong(after[i]) - Long.parseLong(before[i]);
    }

    private static List<String> physicalDisks(RawTree a) throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(a.dir.resolve("sys/block"))) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p.resolve("device")) && !n.startsWith("loop") && !n.startsWith("zram")) {
                    out.add(n);
                }
            });
        }
        return out;
    }

    private static List<String> upInterfaces(RawTree a) throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(a.dir.resolve("sys/class/net"))) {
            s.forEach(p -> {
                String state = a.exists("sys/class/net/" + p.getFileName() + "/operstate")
                        ? a.text("sys/class/net/" + p.getFileName() + "/operstate").trim() : "";
                if (state.equals("up") || state.equals("unknown")) {
                    out.add(p.getFileName().toString());
                }
            });
        }
        return out;
    }

    static ResourceUse row(UseReport report, String resource, String device) {
        for (ResourceUse r : report.resources()) {
            if (r.resource().equals(resource) && java.util.Objects.equals(r.device(), device)) {
                return r;
            }
        }
        throw new AssertionError("no row " + resource + " " + device + " in " + report.resources().stream()
                .map(r -> r.resource() + ":" + r.device()).toList());
    }

    private static void compare(List<String> failures, ResourceUse row, Map<String, Double> expected) {
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            Double actual = row.metrics().get(e.getKey());
            String where = row.resource() + (row.device() == null ? "" : " " + row.device()) + " " + e.getKey();
            if (e.getValue() == null) {
                if (actual != null) {
                    failures.add(where + ": expected unavailable, got " + actual);
                } else {
                    assertNotNull(row.unavailableMetrics().get(e.getKey()), where + " null without a reason");
                }
                continue;
            }
            if (actual == null) {
                failures.add(where + ": expected " + e.getValue() + ", got null (" + row.unavailableMetrics().get(e.getKey()) + ")");
            } else if (Math.abs(actual - e.getValue()) > 0.005 * Math.abs(e.getValue()) + 1e-9) {
                failures.add(where + ": expected " + e.getValue() + ", got " + actual);
            }
        }
    }
}
