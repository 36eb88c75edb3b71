package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.sys.CgroupStats;
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
        row.metric("memory_limit_bytes", () -> y.memoryMax().get());
        row.metric("memory_limit_used_pct", () -> 100.0 * y.memoryCurrent().get() / y.memoryMax().get());
        row.metric("throttled_pct", () -> {
            long periods = Interval.delta(x.nrPeriods().get(), y.nrPeriods().get(), "nr_periods");
            if (periods == 0) {
                throw new Unavailable("no CFS periods elapsed (no CPU quota enforced)");
            }
            return 100.0 * Interval.delta(x.nrThrottled().get(), y.nrThrottled().get(), "nr_throttled") / periods;
        });
        row.metric("memory_psi_some_pct", () -> Pressures.somePct(c, x.memoryPressure().get(), y.memoryPressure().get()));
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
        row.saturation(RowBuilder.cell("throttled_pct", "percent", () -> {
            Double t = row.value("throttled_pct");
            if (t == null) {
                Double psi = row.value("memory_psi_some_pct");
                if (psi == null) {
                    throw new Unavailable(row.reasonFor("throttled_pct") + "; " + row.reasonFor("memory_psi_some_pct"));
                }
                return 0;
            }
            return t;
        }, v -> {
            Verdict verdict = throttled.judge(v, "CFS periods throttled");
            Double psi = row.value("memory_psi_some_pct");
            if (psi != null) {
                Verdict memory = memPsi.judge(psi, String.format(Locale.ROOT, "cgroup memory PSI some %.1f%%", psi));
                if (Status.worst(memory.status(), verdict.status()) != verdict.status()) {
                    return memory;
                }
            }
            return verdict;
        }));
        row.errors(RowBuilder.cell("oom_kills", "count", () -> {
            Double oom = row.value("oom_kills");
            Double pids = row.value("pids_limit_hits");
            if (oom == null && pids == null) {
                throw new Unavailable(row.reasonFor("oom_kills") + "; " + row.reasonFor("pids_limit_hits"));
            }
            return (oom == null ? 0 : oom) + (pids == null ? 0 : pids);
        }, n -> ErrorCounter.judge(n, y.oomKills().orElse(0L) + y.pidsLimitHits().orElse(0L), "OOM kills and refused forks in the cgroup")));
        return row.build();
    }
}
