package dev.saturn.analyzers.use;

import java.time.Instant;
import java.util.List;

/** The USE checklist of one host over one interval: the model every writer serializes. */
public record UseReport(String host, String kernel, String cpuModel, int cpus, Long memoryBytes,
                        double intervalSeconds, Instant timestamp, List<ResourceUse> resources,
                        List<Finding> findings, List<ProcessCpu> topProcesses, String topProcessesReason) {

    public Status worst() {
        Status worst = Status.OK;
        for (Finding f : findings) {
            worst = Status.worst(worst, f.severity());
        }
        return worst;
    }
}
