package dev.saturn.agent.trigger;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTableReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process that used the most CPU over a short window, read when a trigger fires (the agent does not read the
 * process table each sample): two reads of every /proc/PID/stat, or the two full tables of a drill-down. The agent
 * itself is left out.
 */
final class TopProcess {
    record Found(int pid, String comm, long ticks) {
    }

    private TopProcess() {
    }

    static Optional<Found> over(long windowMillis) throws InterruptedException {
        HostPaths proc = HostPaths.liveHost();
        Reading<List<ProcessSample>> before = ProcessTableReader.stats(proc);
        Thread.sleep(windowMillis);
        Reading<List<ProcessSample>> after = ProcessTableReader.stats(proc);
        if (!before.isAvailable() || !after.isAvailable()) {
            return Optional.empty();
        }
        return of(before.get(), after.get());
    }

    static Optional<Found> of(List<ProcessSample> before, List<ProcessSample> after) {
        Map<Integer, ProcessSample> earlier = new HashMap<>();
        for (ProcessSample s : before) {
            earlier.put(s.pid(), s);
        }
        long self = ProcessHandle.current().pid();
        Found top = null;
        for (ProcessSample s : after) {
            ProcessSample b = earlier.get(s.pid());
            if (b == null || !s.sameAs(b) || s.pid() == self) {
                continue;
            }
            long used = s.cpuTicks() - b.cpuTicks();
            if (used > 0 && (top == null || used > top.ticks())) {
                top = new Found(s.pid(), s.comm(), used);
            }
        }
        return Optional.ofNullable(top);
    }
}
