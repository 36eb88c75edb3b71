package dev.saturn.collectors.proc;

import java.util.Collections;
import java.util.List;

/**
 * /proc/net/softnet_stat: per CPU, the packets its receive softirq processed, those dropped because
 * its backlog was full (netdev_max_backlog), and the times it ran out of budget with work left
 * (time_squeeze: netdev_budget or netdev_budget_usecs spent).
 */
public record SoftnetStat(List<Cpu> cpus) {
    public SoftnetStat {
        cpus = Collections.unmodifiableList(cpus);
    }

    public record Cpu(int cpu, long processed, long dropped, long timeSqueezed) {
    }

    public long dropped() {
        return cpus.stream().mapToLong(Cpu::dropped).sum();
    }

    public long timeSqueezed() {
        return cpus.stream().mapToLong(Cpu::timeSqueezed).sum();
    }
}
