package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.sys.CgroupStats;
import java.util.List;
import java.util.Locale;

/** The row of saturn's own cgroup: CPU against its quota, memory against its limit, throttling, OOM. */
final class CgroupUse {
    private CgroupUse() {
    }

    static ResourceUse analyze(Context c) {
        Reading<CgroupStats> before = c.before().cgroup();
        Reading<CgroupStats> after = c.after().cgroup();
        if (!after.isAvailable() || !before.isAvailable()) {
            return RowBuilder.unavailableRow("cgroup", null, after.isAvailable() ? before.reason() : after.reason());
        }
        CgroupStats x = before.value();
        CgroupStats y = after.value();
        RowBuilder row = new RowBuilder("cgroup", y.path());
        row.metric("cgroup_version", () -> y.version().equals("v2") ? 2 : 1);
        row.metric("cpu_cores_used", () -> Interval.delta(x.cpuUsageUs().get(), y.cpuUsageUs().get(), "cgroup CPU usage") / (c.seconds() * 1e6));
        row.metric("cpu_quota_cores", () -> y.cpuQuotaCores().get());
        row.metric("cpu_quota_used_pct", () -> 100.0 * Interval.delta(x.cpuUsageUs().get(), y.cpuUsageUs().get(), "cgroup CPU usage")
                / (c.seconds() * 1e6) / y.cpuQuotaCores().get());
        row.metric("memory_bytes", () -> y.memoryCurrent().get());
        row.metric("memory_working_set_bytes", () -> workingSet(y));
        row.metric("memory_limit_bytes", () -> y.memoryMax().get());
        row.metric("memory_limit_used_pct", () -> 100.0 * row.required("memory_working_set_bytes") / y.memoryMax().get());
        row.metric("throttled_pct", () -> {
            long periods = Interval.delta(x.nrPeriods().get(), y.nrPeriods().get(), "nr_periods");
            if (periods == 0) {
                throw new Unavailable("no CFS periods elapsed (no CPU quota enforced)");
            }
            return 100.0 * Interval.delta(x.nrThrottled().get(), y.nrThrottled().get(), "nr_throttled") / periods;
        });
        row.metric("memory_psi_some_pct", () -> Pressures.somePct(c, x.memoryPressure().get(), y.memoryPressure().get()));
        row.metric("memory_high_events", () -> Interval.delta(x.memoryHighEvents().get(), y.memoryHighEvents().get(), "memory.events high"));
        row.metric("memory_max_events", () -> Interval.delta(x.memoryMaxEvents().get(), y.memoryMaxEvents().get(),
                y.version().equals("v2") ? "memory.events max" : "memory.failcnt"));
        row.metric("oom_kills", () -> Interval.delta(x.oomKills().get(), y.oomKills().get(), "cgroup oom_kill"));
        row.metric("pids_limit_hits", () -> Interval.delta(x.pidsLimitHits().get(), y.pidsLimitHits().get(), "pids.events max"));

        Band util = c.thresholds().band("utilization");
        row.utilization(RowBuilder.cell("limit_used_pct", "percent", () -> {
            Double cpu = row.value("cpu_quota_used_pct");
            Double mem = row.value("memory_limit_used_pct");
            if (cpu == null && mem == null) {
                throw new Unavailable("no limit to measure against: " + row.reasonFor("cpu_quota_used_pct")
                        + "; " + row.reasonFor("memory_limit_used_pct"));
            }
            return Math.max(cpu == null ? 0 : cpu, mem == null ? 0 : mem);
        }, v -> util.judge(v, "share of the cgroup's CPU quota or memory limit")));
        Band throttled = c.thresholds().band("cgroup.throttled_pct");
        Band memPsi = c.thresholds().band("memory.psi_some");
        row.saturation(RowBuilder.worst(List.of(
                row.cellOf("throttled_pct", "percent", v -> throttled.judge(v, "CFS periods throttled")),
                row.cellOf("memory_psi_some_pct", "percent", v -> memPsi.judge(v, "cgroup memory PSI some")),
                RowBuilder.cell("memory_limit_events", "count", () -> limitEvents(row), n -> n > 0
                        ? Verdict.warn(String.format(Locale.ROOT, "memory limit reached %.0f times: the group reclaims its own pages to stay under it", n))
                        : Verdict.OK))));
        row.errors(ErrorCounter.cell("oom_kills", () -> {
            Double oom = row.value("oom_kills");
            Double pids = row.value("pids_limit_hits");
            if (oom == null && pids == null) {
                throw new Unavailable(row.reasonFor("oom_kills") + "; " + row.reasonFor("pids_limit_hits"));
            }
            return (oom == null ? 0 : oom) + (pids == null ? 0 : pids);
        }, () -> y.oomKills().orElse(0L) + y.pidsLimitHits().orElse(0L), "OOM kills and refused forks in the cgroup",
                ErrorCounter.SINCE_CGROUP));
        return row.build();
    }

    /**
     * Usage less the inactive page cache, as the kubelet's working set: both versions charge clean
     * cache to the group (v1's usage_in_bytes is a "fuzz value" besides), and a group full of
     * cache the kernel would drop at once is not near its limit.
     */
    static long workingSet(CgroupStats s) {
        return Math.max(0, s.memoryCurrent().get() - s.memoryInactiveFile().get());
    }

    private static double limitEvents(RowBuilder row) {
        Double high = row.value("memory_high_events");
        Double max = row.value("memory_max_events");
        if (high == null && max == null) {
            throw new Unavailable(row.reasonFor("memory_max_events"));
        }
        return (high == null ? 0 : high) + (max == null ? 0 : max);
    }
}
