package dev.saturn.analyzers.use;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The USE checklist of one host over one interval: the model every writer serializes. {@code analyzers}: how each
 * enabled resource's analysis went (empty for a report read back from history, which does not keep it).
 * {@code processRankings}: the processes behind each resource ({@link ProcessRankings}), empty without process tables.
 */
public record UseReport(String host, String kernel, String cpuModel, int cpus, Long memoryBytes,
                        double intervalSeconds, Instant timestamp, List<ResourceUse> resources,
                        List<Finding> findings, List<ProcessCpu> topProcesses, String topProcessesReason,
                        List<AnalyzerOutcome> analyzers, List<ProcessRanking> processRankings) {
    public UseReport {
        processRankings = List.copyOf(processRankings);
        resources = Collections.unmodifiableList(resources);
        findings = Collections.unmodifiableList(findings);
        topProcesses = Collections.unmodifiableList(topProcesses);
        analyzers = List.copyOf(analyzers);
    }

    /** A report without the processes per resource. */
    public UseReport(String host, String kernel, String cpuModel, int cpus, Long memoryBytes,
                     double intervalSeconds, Instant timestamp, List<ResourceUse> resources,
                     List<Finding> findings, List<ProcessCpu> topProcesses, String topProcessesReason,
                     List<AnalyzerOutcome> analyzers) {
        this(host, kernel, cpuModel, cpus, memoryBytes, intervalSeconds, timestamp, resources, findings, topProcesses,
                topProcessesReason, analyzers, List.of());
    }

    /** A report without its analyzers' outcomes, as the history stores it. */
    public UseReport(String host, String kernel, String cpuModel, int cpus, Long memoryBytes,
                     double intervalSeconds, Instant timestamp, List<ResourceUse> resources,
                     List<Finding> findings, List<ProcessCpu> topProcesses, String topProcessesReason) {
        this(host, kernel, cpuModel, cpus, memoryBytes, intervalSeconds, timestamp, resources, findings, topProcesses,
                topProcessesReason, List.of());
    }

    /** The rankings of processes for one resource ("cpu", "memory", ...), in their order. */
    public List<ProcessRanking> processesFor(String resource) {
        List<ProcessRanking> out = new java.util.ArrayList<>();
        for (ProcessRanking r : processRankings) {
            if (r.resource().equals(resource)) {
                out.add(r);
            }
        }
        return out;
    }

    public Status worst() {
        Status worst = Status.OK;
        for (Finding f : findings) {
            worst = Status.worst(worst, f.severity());
        }
        return worst;
    }
}
