package dev.saturn.analyzers.use;

import java.util.Collections;
import java.util.Map;

/**
 * One row of the USE checklist. {@code metrics} holds every figure (null when unavailable);
 * {@code unavailableMetrics} says why for each null.
 */
public record ResourceUse(String resource, String device, Cell utilization, Cell saturation, Cell errors,
                          Map<String, Double> metrics, Map<String, String> unavailableMetrics) {
    public ResourceUse {
        metrics = Collections.unmodifiableMap(metrics);
        unavailableMetrics = Collections.unmodifiableMap(unavailableMetrics);
    }

    public Status worst() {
        return Status.worst(Status.worst(utilization.status(), saturation.status()), errors.status());
    }

    public Double metric(String name) {
        return metrics.get(name);
    }
}
