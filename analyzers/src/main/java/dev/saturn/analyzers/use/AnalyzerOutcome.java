package dev.saturn.analyzers.use;

import java.util.List;

/**
 * How one resource's analysis went, as node_exporter's node_scrape_collector_success says it of a collector:
 * {@code success} false when the analyzer failed, or when a row of it measured nothing (every figure unavailable:
 * its kernel files missing or garbled, no PMU for interconnect); {@code reason} then says why, in one line.
 */
public record AnalyzerOutcome(String resource, boolean success, String reason) {

    static AnalyzerOutcome of(String resource, List<ResourceUse> rows) {
        for (ResourceUse row : rows) {
            if (row.metrics().values().stream().allMatch(v -> v == null)) {
                String why = row.unavailableMetrics().isEmpty() ? row.utilization().reason()
                        : row.unavailableMetrics().values().iterator().next();
                return new AnalyzerOutcome(resource, false, (row.device() == null ? "" : row.device() + ": ") + why);
            }
        }
        return new AnalyzerOutcome(resource, true, null);
    }
}
