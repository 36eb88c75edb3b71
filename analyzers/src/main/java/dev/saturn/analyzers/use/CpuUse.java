package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.CpuTimes;
import dev.saturn.collectors.proc.SchedStat;
import dev.saturn.collectors.proc.TaskCounts;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The CPU row: busy %, PSI or run queue, machine checks. */
final class CpuUse {
    private CpuUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("cpu", null);
        row.metric("busy_pct", () -> busyPct(c.before().cpu().get().total(), c.after().cpu().get().total()));
        row.metric("per_cpu_max_busy_pct", () -> perCpuMax(c.before().cpu().get(), c.after().cpu().get()));
        row.metric("user_pct", () -> share(c, CpuTimes::user, "user"));
        row.metric("system_pct", () -> share(c, CpuTimes::system, "system"));
        row.metric("iowait_pct", () -> share(c, CpuTimes::iowait, "iowait"));
        row.metric("steal_pct", () -> share(c, CpuTimes::steal, "steal"));
        row.metric("psi_some_pct", () -> Pressures.somePct(c, c.before().psiCpu().get(), c.after().psiCpu().get()));
        row.metric("runq_avg", () -> runqAvg(c));
        row.metric("runq_latency_ms", () -> runqLatencyMs(c.before().schedStat().get(), c.after().schedStat().get()));
        row.metric("load1", () -> c.after().loadAvg().get().load1());
        row.metric("machine_checks", () -> Interval.delta(c.before().machineChecks().get(), c.after().machineChecks().get(), "MCE count"));

        Band util = c.thresholds().band("utilization");
        row.utilization(row.cellOf("busy_pct", "percent", busy -> {
            Verdict v = util.judge(busy, "busy");
            Double max = row.value("per_cpu_max_busy_pct");
            if (v.status() == Status.OK && max != null && c.cpus() > 1 && max >= util.crit()) {
                return Verdict.warn(String.format(Locale.ROOT, "one CPU at %.0f%% while the average is %.0f%%: a single-threaded bottleneck?", max, busy));
            }
            return v;
        }));
        Band runqBand = c.thresholds().band("cpu.runq_per_cpu");
        if (row.value("psi_some_pct") != null) {
            Band psi = c.thresholds().band("cpu.psi_some");
            row.saturation(row.cellOf("psi_some_pct", "percent", v -> psi.judge(v, "PSI cpu some")));
        } else {
            String psiReason = row.reasonFor("psi_some_pct");
            row.saturation(RowBuilder.cell("runq_excess", "tasks", () -> {
                Double runq = row.value("runq_avg");
                if (runq == null) {
                    throw new Unavailable(psiReason + "; run queue also unavailable");
                }
                return Math.max(0, runq - c.cpus());
            }, excess -> {
                double perCpu = (excess + c.cpus()) / c.cpus();
                return runqBand.judge(perCpu, "run queue per CPU");
            }));
        }
        row.errors(ErrorCounter.cell("machine_checks", () -> row.required("machine_checks"),
                () -> c.after().machineChecks().get(), "machine-check exceptions", ErrorCounter.SINCE_BOOT));
        return row.build();
    }

    static double busyPct(CpuTimes before, CpuTimes after) {
        long total = Interval.delta(before.total(), after.total(), "CPU total ticks");
        if (total == 0) {
            throw new Unavailable("no CPU ticks elapsed between the snapshots");
        }
        return 100.0 * Interval.delta(before.busy(), after.busy(), "CPU busy ticks") / total;
    }

    private static double share(Context c, ToLongFunction<CpuTimes> field, String name) {
        CpuTimes b = c.before().cpu().get().total();
        CpuTimes a = c.after().cpu().get().total();
        long total = Interval.delta(b.total(), a.total(), "CPU total ticks");
        if (total == 0) {
            throw new Unavailable("no CPU ticks elapsed between the snapshots");
        }
        return 100.0 * Interval.delta(field.applyAsLong(b), field.applyAsLong(a), "CPU " + name + " ticks") / total;
    }

    static double perCpuMax(CpuStat before, CpuStat after) {
        Map<Integer, CpuTimes> earlier = new HashMap<>();
        for (CpuStat.CpuLine line : before.cpus()) {
            earlier.put(line.cpu(), line.times());
        }
        double max = -1;
        for (CpuStat.CpuLine line : after.cpus()) {
            CpuTimes b = earlier.get(line.cpu());
            if (b == null || line.times().total() <= b.total()) {
                continue; // came online during the interval, or idle-less accounting glitch
            }
            max = Math.max(max, busyPct(b, line.times()));
        }
        if (max < 0) {
            throw new Unavailable("no CPU present in both snapshots");
        }
        return max;
    }

    /** Mean runnable tasks during the interval, less the reader itself (always running when it reads). */
    static double runqAvg(Context c) {
        return Math.max(0, TaskGauges.mean(c, TaskCounts::running, CpuStat::procsRunning, "procs_running") - 1);
    }

    static double runqLatencyMs(SchedStat before, SchedStat after) {
        long slices = Interval.delta(before.timeslices(), after.timeslices(), "schedstat timeslices");
        if (slices == 0) {
            throw new Unavailable("no timeslices ran in the interval");
        }
        return Interval.delta(before.runDelayNs(), after.runDelayNs(), "schedstat run delay") / 1e6 / slices;
    }
}
