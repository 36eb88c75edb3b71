package dev.saturn.collectors.proc;

import java.util.List;

/** /proc/stat: the aggregate CPU line, one line per online CPU, and the task gauges. */
public record CpuStat(CpuTimes total, List<CpuLine> cpus, Long procsRunning, Long procsBlocked,
                      Long contextSwitches) {

    public record CpuLine(int cpu, CpuTimes times) {
    }
}
