package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.FdUsage;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.FileNr;
import dev.saturn.collectors.proc.TaskCounts;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.collectors.sys.CgroupStats;

/** Rows for the kernel's fixed-size tables: file handles (and each process's own limit on them) and tasks. */
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
        Reading<WorstFd> worst = worstFdProcess(c.after());
        row.metric("process_fd_max_pct", () -> 100.0 * worst.get().open() / worst.get().limit());
        row.metric("process_fd_max_pid", () -> worst.get().pid());
        Band own = c.thresholds().band("file_descriptors.process_used");
        row.saturation(row.cellOf("process_fd_max_pct", "percent", v -> own.judge(v, "of a process's own open-file limit (RLIMIT_NOFILE) in use")));
        return row.build();
    }

    private record WorstFd(int pid, int open, long limit) {
    }

    /**
     * The process nearest its own RLIMIT_NOFILE: a per-process saturation that file-nr does not show (a process at
     * its limit fails with EMFILE while the host has handles to spare).
     */
    private static Reading<WorstFd> worstFdProcess(Snapshot s) {
        if (!s.processes().isAvailable()) {
            return Reading.unavailable(s.processes().reason());
        }
        WorstFd worst = null;
        String reason = "no process has an open-file limit";
        for (ProcessSample p : s.processes().value().processes()) {
            if (p.detail() == null) {
                continue;
            }
            if (!p.detail().fds().isAvailable()) {
                reason = p.detail().fds().reason();
                continue;
            }
            FdUsage f = p.detail().fds().value();
            if (f.softLimit() != null && f.softLimit() > 0
                    && (worst == null || (double) f.open() / f.softLimit() > (double) worst.open() / worst.limit())) {
                worst = new WorstFd(p.pid(), f.open(), f.softLimit());
            }
        }
        return worst == null ? Reading.unavailable(reason) : Reading.of(worst);
    }

    static ResourceUse tasks(Context c) {
        Double cgroupPidsLimitHits = pidsLimitHits(c.before(), c.after());
        Long cgroupPidsLimitHitsTotal = c.after().cgroup().isAvailable() ? c.after().cgroup().value().pidsLimitHits().orElse(null) : null;
        RowBuilder row = new RowBuilder("tasks", null);
        row.metric("threads", () -> c.after().loadAvg().get().threads());
        row.metric("limit", () -> Math.min(c.after().threadsMax().get(), c.after().pidMax().get()));
        row.metric("used_pct", () -> 100.0 * c.after().loadAvg().get().threads()
                / Math.min(c.after().threadsMax().get(), c.after().pidMax().get()));
        row.metric("forks_per_s", () -> {
            Long b = c.before().cpu().get().forks();
            Long a = c.after().cpu().get().forks();
            if (b == null || a == null) {
                throw new Unavailable("no processes line in /proc/stat");
            }
            return c.interval().rate(b, a, "processes (forks)");
        });
        row.metric("blocked_avg", () -> TaskGauges.mean(c, TaskCounts::blocked, CpuStat::procsBlocked, "procs_blocked"));
        row.utilization(row.cellOf("used_pct", "percent", v -> c.thresholds().band("utilization").judge(v, "threads of the limit")));
        Band blocked = c.thresholds().band("tasks.blocked_per_cpu");
        row.saturation(row.cellOf("blocked_avg", "tasks", v -> blocked.judge(v / c.cpus(), "tasks in uninterruptible sleep per CPU")));
        row.errors(ErrorCounter.cell("pids_limit_hits", () -> {
            if (cgroupPidsLimitHits == null) {
                throw new Unavailable("no pids.events in the cgroup (the root group has none; a child group has)");
            }
            return cgroupPidsLimitHits;
        }, () -> cgroupPidsLimitHitsTotal == null ? 0 : cgroupPidsLimitHitsTotal, "forks refused by the pids limit",
                ErrorCounter.SINCE_CGROUP));
        return row.build();
    }

    private static Double pidsLimitHits(Snapshot before, Snapshot after) {
        if (!before.cgroup().isAvailable() || !after.cgroup().isAvailable()) {
            return null;
        }
        CgroupStats b = before.cgroup().value();
        CgroupStats a = after.cgroup().value();
        if (!b.pidsLimitHits().isAvailable() || !a.pidsLimitHits().isAvailable()) {
            return null;
        }
        return (double) Interval.delta(b.pidsLimitHits().value(), a.pidsLimitHits().value(), "pids.events max");
    }
}
