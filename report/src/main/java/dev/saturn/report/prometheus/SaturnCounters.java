package dev.saturn.report.prometheus;

import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.fs.Filesystem;
import dev.saturn.collectors.proc.NetDevCounters;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.sys.BlockDevice;
import dev.saturn.collectors.sys.CgroupStats;

/**
 * saturn's own counters, where no node_exporter family holds the quantity: the count behind each USE errors
 * cell ({@code saturn_use_errors_total}, labelled like the cell's {@code saturn_use_status}, so one alert rule
 * covers them all with increase()) and the cgroup's counters. Read from the same snapshot as the cells.
 */
final class SaturnCounters {
    private SaturnCounters() {
    }

    static void write(PrometheusText t, UseReport report, Snapshot s) {
        t.family("saturn_use_errors_total", "Errors counted by the kernel behind each USE errors cell (since boot, device"
                + " attach or cgroup creation); increase() gives the new ones. See docs/metrics.md.", "counter");
        for (ResourceUse row : report.resources()) {
            if (row.errors().metric().equals("none")) {
                continue;
            }
            Long total = errorsTotal(row, s);
            if (total == null) {
                continue;
            }
            String metric = baseMetric(row.errors().metric());
            if (row.device() == null) {
                t.sample("resource", row.resource(), "metric", metric, total);
            } else {
                t.sample("resource", row.resource(), "device", row.device(), "metric", metric, total);
            }
        }
        if (s.cgroup().isAvailable()) {
            cgroup(t, s.cgroup().value());
        }
    }

    /** The cell's metric without its view of the interval: oom_kills_cumulative and errors_per_s count oom_kills and errors. */
    static String baseMetric(String cellMetric) {
        String m = cellMetric.endsWith("_cumulative") ? cellMetric.substring(0, cellMetric.length() - "_cumulative".length()) : cellMetric;
        return m.endsWith("_per_s") ? m.substring(0, m.length() - "_per_s".length()) : m;
    }

    /** The cumulative counter whose increase over an interval the errors cell shows; null when the kernel has none. */
    static Long errorsTotal(ResourceUse row, Snapshot s) {
        try {
            return switch (row.resource()) {
                case "cpu" -> s.machineChecks().get();
                case "memory" -> s.vmstat().get().get("oom_kill");
                case "network" -> {
                    NetDevCounters d = s.netDev().get().getOrDefault(row.device(), Reading.unavailable("gone")).get();
                    yield d.rxErrs() + d.txErrs();
                }
                case "tcp" -> s.snmp().get().get("Tcp.InErrs");
                case "udp" -> s.snmp().get().get("Udp.InErrors") + s.snmp().get().get("Udp.SndbufErrors");
                case "filesystem" -> filesystemErrors(row.device(), s);
                case "tasks" -> s.cgroup().get().pidsLimitHits().get();
                case "cgroup" -> s.cgroup().get().oomKills().orElse(0L) + s.cgroup().get().pidsLimitHits().orElse(0L);
                default -> {
                    BlockDevice d = s.blockDevices().get().get(row.device());
                    yield d == null ? null : d.ioErrors().get();
                }
            };
        } catch (Unavailable e) {
            return null;
        }
    }

    private static Long filesystemErrors(String mountPoint, Snapshot s) {
        for (Filesystem fs : s.filesystems().get()) {
            if (fs.mountPoint().equals(mountPoint)) {
                return fs.fsErrors().get();
            }
        }
        return null;
    }

    private static void cgroup(PrometheusText t, CgroupStats c) {
        counter(t, "saturn_cgroup_cpu_usage_seconds_total", "CPU time the cgroup's tasks used.", c.path(),
                () -> c.cpuUsageUs().get() / 1_000_000.0);
        counter(t, "saturn_cgroup_periods_total", "CFS enforcement periods of the cgroup's CPU quota.", c.path(),
                () -> c.nrPeriods().get());
        counter(t, "saturn_cgroup_throttled_periods_total", "CFS periods in which the cgroup was throttled.", c.path(),
                () -> c.nrThrottled().get());
        counter(t, "saturn_cgroup_memory_high_events_total", "Reclaims forced by memory.high (v2 memory.events high).", c.path(),
                () -> c.memoryHighEvents().get());
        counter(t, "saturn_cgroup_memory_max_events_total", "Times the cgroup hit its memory limit (v2 memory.events max, v1 failcnt).",
                c.path(), () -> c.memoryMaxEvents().get());
        counter(t, "saturn_cgroup_oom_kills_total", "Tasks of the cgroup killed by the OOM killer.", c.path(), () -> c.oomKills().get());
        counter(t, "saturn_cgroup_pids_limit_hits_total", "Forks refused by the cgroup's pids limit.", c.path(),
                () -> c.pidsLimitHits().get());
    }

    private interface Value {
        double get();
    }

    private static void counter(PrometheusText t, String name, String help, String cgroup, Value value) {
        double v;
        try {
            v = value.get();
        } catch (Unavailable e) {
            return;
        }
        t.family(name, help, "counter").sample("device", cgroup, v);
    }
}
