package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.KeyValueTable;

/** The memory row: used % by MemAvailable, PSI or swapping, OOM kills. */
final class MemoryUse {
    private MemoryUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("memory", null);
        row.metric("used_pct", () -> {
            KeyValueTable m = c.after().meminfo().get();
            long total = m.get("MemTotal");
            if (total == 0) {
                throw new Unavailable("MemTotal is 0 in /proc/meminfo");
            }
            return 100.0 * (1 - (double) m.get("MemAvailable") / total);
        });
        row.metric("psi_some_pct", () -> Pressures.somePct(c, c.before().psiMemory().get(), c.after().psiMemory().get()));
        row.metric("psi_full_pct", () -> Pressures.fullPct(c, c.before().psiMemory().get(), c.after().psiMemory().get()));
        row.metric("swap_pages_per_s", () -> {
            if (c.after().meminfo().get().get("SwapTotal") == 0) {
                throw new Unavailable("no swap configured (SwapTotal is 0)");
            }
            return rate(c, "pswpin") + rate(c, "pswpout");
        });
        row.metric("pgscan_kswapd_per_s", () -> rate(c, "pgscan_kswapd"));
        row.metric("pgscan_direct_per_s", () -> c.interval().rate(
                c.before().vmstat().get().sumWithPrefix("pgscan_direct", "pgscan_direct_throttle"),
                c.after().vmstat().get().sumWithPrefix("pgscan_direct", "pgscan_direct_throttle"), "pgscan_direct"));
        row.metric("pgmajfault_per_s", () -> rate(c, "pgmajfault"));
        row.metric("oom_kills", () -> Interval.delta(c.before().vmstat().get().get("oom_kill"),
                c.after().vmstat().get().get("oom_kill"), "oom_kill"));

        row.utilization(row.cellOf("used_pct", "percent", v -> c.thresholds().band("utilization").judge(v, "memory used")));
        if (row.value("psi_some_pct") != null) {
            Band psi = c.thresholds().band("memory.psi_some");
            row.saturation(row.cellOf("psi_some_pct", "percent", v -> {
                Verdict verdict = psi.judge(v, "PSI memory some");
                Double direct = row.value("pgscan_direct_per_s");
                if (verdict.status() == Status.OK && direct != null && direct > 0) {
                    return Verdict.warn("direct reclaim: allocations are scanning for free pages");
                }
                return verdict;
            }));
        } else {
            Band swap = c.thresholds().band("swap_pages_per_s");
            row.saturation(row.cellOf("swap_pages_per_s", "pages_per_second", v -> swap.judge(v, "swapping")));
        }
        row.errors(ErrorCounter.cell("oom_kills", () -> row.required("oom_kills"),
                () -> c.after().vmstat().get().get("oom_kill"), "OOM kills", ErrorCounter.SINCE_BOOT));
        return row.build();
    }

    private static double rate(Context c, String name) {
        return c.interval().rate(c.before().vmstat().get().get(name), c.after().vmstat().get().get(name), name);
    }
}
