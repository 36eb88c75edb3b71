package dev.saturn.report.prometheus;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one /metrics page leaves for the next: the few hundred figures' names and helps, each family's
 * HELP and TYPE lines as bytes, and the size of the page's lines. A page is made every sample with the same
 * families, and these are most of what making one would otherwise allocate. One per page maker (the
 * agent's); safe to share between threads.
 */
public final class PageCache {
    /** A figure's name and help, made once per resource and metric. */
    record Figure(MetricName name, String help) {
    }

    /** A family's HELP and TYPE lines as they were last made for its name. */
    private record Header(String help, String type, byte[] bytes) {
    }

    private final Map<String, Map<String, Figure>> figures = new ConcurrentHashMap<>();
    private final Map<String, Header> headers = new ConcurrentHashMap<>();
    /** About the size of the last page's lines: the next is about as long, and a builder that doubles copies itself. */
    private volatile int linesHint = 1024;

    /** Looked up with plain gets first: a capturing lambda per call would be the sample's garbage. */
    Figure figure(String resource, String metric) {
        Map<String, Figure> byMetric = figures.get(resource);
        if (byMetric == null) {
            byMetric = figures.computeIfAbsent(resource, r -> new ConcurrentHashMap<>());
        }
        Figure f = byMetric.get(metric);
        if (f == null) {
            MetricName name = MetricName.of(resource, metric);
            f = new Figure(name, "saturn USE figure " + metric + " of " + resource
                    + (name.scale() == 1 ? "" : " (in base units)") + "; see docs/metrics.md.");
            byMetric.put(metric, f);
        }
        return f;
    }

    /** The family's header as last made, or made anew if its help or type differ. */
    byte[] header(String name, String help, String type) {
        Header h = headers.get(name);
        if (h == null || !h.help.equals(help) || !h.type.equals(type)) {
            h = new Header(help, type, PrometheusText.headerText(name, help, type).getBytes(StandardCharsets.UTF_8));
            headers.put(name, h);
        }
        return h.bytes;
    }

    int linesHint() {
        return linesHint;
    }

    void linesHint(int lastLines) {
        linesHint = Math.max(1024, lastLines + lastLines / 8);
    }
}
