package dev.saturn.agent.trigger;

import dev.saturn.collectors.proc.ProcessSample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process that used the most CPU between two reads of the process table taken when a trigger fires (the agent
 * does not read the process table each sample). The agent itself is left out.
 */
final class TopProcess {
    record Found(int pid, String comm, long ticks) {
    }

    private TopProcess() {
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
