package dev.saturn.collectors.proc;

import java.util.Collections;
import java.util.List;

/** /proc/stat: the aggregate CPU line, one line per online CPU, the task gauges, and the fork counter ({@code processes}). */
public record CpuStat(CpuTimes total, List<CpuLine> cpus, Long procsRunning, Long procsBlocked,
                      Long contextSwitches, Long forks) {
    public CpuStat {
        cpus = Collections.unmodifiableList(cpus);
    }

    public record CpuLine(int cpu, CpuTimes times) {
    }
}
