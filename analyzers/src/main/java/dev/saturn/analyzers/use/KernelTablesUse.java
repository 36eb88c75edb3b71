package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.FileNr;

/** Rows for the kernel's fixed-size tables: file handles and tasks. */
final class KernelTablesUse {
    private KernelTablesUse() {
    }

    static ResourceUse fileDescriptors(Context c) {
        RowBuilder row = new RowBuilder("file_descriptors", null);
        row.metric("used_pct", () -> {
            FileNr f = c.after().fileNr().get();
            if (f.max() <= 0) {
                throw new Unavailable("file-max is " + f.max());
            }
            return 100.0 * (f.allocated() - f.unused()) / f.max();
        });
        row.metric("allocated", () -> c.after().fileNr().get().allocated());
        row.metric("max", () -> c.after().fileNr().get().max());
        Band band = c.thresholds().band("file_descriptors.used");
        row.utilization(row.cellOf("used_pct", "percent", v -> band.judge(v, "file handles in use")));
        return row.build();
    }

    static ResourceUse tasks(Context c, Double cgroupPidsLimitHits, Long cgroupPidsLimitHitsSinceBoot) {
        RowBuilder row = new RowBuilder("tasks", null);
        row.metric("threads", () -> c.after().loadAvg().get().threads());
        row.metric("limit", () -> Math.min(c.after().threadsMax().get(), c.after().pidMax().get()));
        row.metric("used_pct", () -> 100.0 * c.after().loadAvg().get().threads()
                / Math.min(c.after().threadsMax().get(), c.after().pidMax().get()));
        row.metric("blocked_avg", () -> {
            CpuStat b = c.before().cpu().get();
            CpuStat a = c.after().cpu().get();
            if (b.procsBlocked() == null || a.procsBlocked() == null) {
                throw new Unavailable("no procs_blocked in /proc/stat");
            }
            return (b.procsBlocked() + a.procsBlocked()) / 2.0;
        });
        row.utilization(row.cellOf("used_pct", "percent", v -> c.thresholds().band("utilization").judge(v, "threads of the limit")));
        Band blocked = c.thresholds().band("tasks.blocked_per_cpu");
        row.saturation(row.cellOf("blocked_avg", "tasks", v -> blocked.judge(v / c.cpus(), "tasks in uninterruptible sleep per CPU")));
        row.errors(RowBuilder.cell("pids_limit_hits", "count", () -> {
            if (cgroupPidsLimitHits == null) {
                throw new Unavailable("no pids.events in the cgroup (the root group has none; --cgroup names another)");
            }
            return cgroupPidsLimitHits;
        }, n -> ErrorCounter.judge(n, cgroupPidsLimitHitsSinceBoot == null ? 0 : cgroupPidsLimitHitsSinceBoot, "forks refused by the pids limit")));
        return row.build();
    }
}
