package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.ProcessSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The processes that used the most CPU between two process tables. */
final class TopProcesses {
    /** USER_HZ: the kernel exports 100 ticks a second on every architecture Linux supports today. */
    private static final double TICKS_PER_SECOND = 100.0;

    private TopProcesses() {
    }

    static List<ProcessCpu> top(List<ProcessSample> before, List<ProcessSample> after, double seconds, int limit) {
        SamplesByPid earlier = new SamplesByPid(before);
        List<ProcessCpu> out = new ArrayList<>();
        for (ProcessSample p : after) {
            ProcessSample b = earlier.get(p.pid());
            long ticks;
            if (b == null) {
                ticks = p.cpuTicks(); // started during the interval: all its time is in it
            } else if (!b.comm().equals(p.comm()) && p.cpuTicks() < b.cpuTicks()) {
                ticks = p.cpuTicks(); // pid reused
            } else {
                ticks = p.cpuTicks() - b.cpuTicks();
            }
            if (ticks > 0) {
                out.add(new ProcessCpu(p.pid(), p.comm(), 100.0 * ticks / TICKS_PER_SECOND / seconds, p.state()));
            }
        }
        out.sort(Comparator.comparingDouble(ProcessCpu::cpuPct).reversed().thenComparingInt(ProcessCpu::pid));
        return List.copyOf(out.subList(0, Math.min(limit, out.size())));
    }
}
