package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.SoftnetStat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernel's receive path per CPU (/proc/net/softnet_stat): packets dropped because a CPU's backlog
 * was full (net.core.netdev_max_backlog), and softirq runs that stopped with packets left because
 * their budget was spent (time_squeeze: net.core.netdev_budget, netdev_budget_usecs). Saturation only.
 */
final class SoftnetUse {
    private SoftnetUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("softnet", null);
        row.metric("processed_per_s", () -> c.interval().rate(sum(c, false, SoftnetStat.Cpu::processed), sum(c, true, SoftnetStat.Cpu::processed), "softnet processed"));
        row.metric("dropped_per_s", () -> c.interval().rate(c.before().softnet().get().dropped(), c.after().softnet().get().dropped(), "softnet dropped"));
        row.metric("time_squeezed_per_s", () -> c.interval().rate(c.before().softnet().get().timeSqueezed(), c.after().softnet().get().timeSqueezed(), "softnet time_squeeze"));

        Band dropped = c.thresholds().band("softnet.dropped_per_s");
        Band squeezed = c.thresholds().band("softnet.time_squeezed_per_s");
        row.saturation(RowBuilder.worst(List.of(
                row.cellOf("dropped_per_s", "per_second", v -> dropped.judge(v,
                        "packets dropped with a CPU's backlog full (net.core.netdev_max_backlog)" + worstCpu(c, SoftnetStat.Cpu::dropped))),
                row.cellOf("time_squeezed_per_s", "per_second", v -> squeezed.judge(v,
                        "receive softirq out of budget with packets left (net.core.netdev_budget)" + worstCpu(c, SoftnetStat.Cpu::timeSqueezed))))));
        return row.build();
    }

    private static long sum(Context c, boolean after, java.util.function.ToLongFunction<SoftnetStat.Cpu> field) {
        return (after ? c.after() : c.before()).softnet().get().cpus().stream().mapToLong(field).sum();
    }

    /** ", most on CPU 3 (120)": where the drops or squeezes happened, since one busy queue is the usual cause. */
    private static String worstCpu(Context c, java.util.function.ToLongFunction<SoftnetStat.Cpu> field) {
        Map<Integer, Long> before = new HashMap<>();
        for (SoftnetStat.Cpu cpu : c.before().softnet().get().cpus()) {
            before.put(cpu.cpu(), field.applyAsLong(cpu));
        }
        int worst = -1;
        long most = 0;
        for (SoftnetStat.Cpu cpu : c.after().softnet().get().cpus()) {
            long delta = field.applyAsLong(cpu) - before.getOrDefault(cpu.cpu(), field.applyAsLong(cpu));
            if (delta > most) {
                most = delta;
                worst = cpu.cpu();
            }
        }
        return worst < 0 ? "" : String.format(Locale.ROOT, ", most on CPU %d (%d)", worst, most);
    }
}
