package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The processes that used the most CPU between two process tables. */
final class TopProcesses {
    /** USER_HZ: the kernel exports 100 ticks a second on every architecture Linux supports today. */
    private static final double TICKS_PER_SECOND = 100.0;

    private TopProcesses() {
    }

    /** {@code snapshotSeconds}: the interval where the tables were not timed by their walks. */
    static List<ProcessCpu> top(ProcessTable before, ProcessTable after, double snapshotSeconds, int limit) {
        double walkSeconds = before.secondsUntil(after, snapshotSeconds);
        SamplesByPid earlier = new SamplesByPid(before.processes());
        List<ProcessCpu> out = new ArrayList<>();
        List<ProcessSample> processes = after.processes();
        for (int at = 0; at < processes.size(); at++) {
            ProcessSample p = processes.get(at);
            int was = earlier.indexOf(p.pid());
            ProcessSample b = was < 0 ? null : before.processes().get(was);
            double seconds = b == null ? walkSeconds : before.secondsUntil(was, after, at, walkSeconds);
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
