package dev.saturn.report.prometheus;

import java.util.Map;

/**
 * A USE figure's Prometheus name and the factor into its base unit: saturn_&lt;resource&gt;_&lt;metric&gt;,
 * percentages as ratios (_pct to _ratio, 0..1), milliseconds as seconds, kB as bytes, Mb/s as
 * bytes/s (the guide's base unit is the byte, not the bit), "per_s" spelled out, as the Prometheus naming guide asks.
 */
public record MetricName(String name, double scale) {
    private static final Map<String, MetricName> SPECIAL = Map.of(
            "rkB_per_s", new MetricName("read_bytes_per_second", 1024),
            "wkB_per_s", new MetricName("written_bytes_per_second", 1024),
            "r_per_s", new MetricName("reads_per_second", 1),
            "w_per_s", new MetricName("writes_per_second", 1),
            "r_await_ms", new MetricName("read_await_seconds", 0.001),
            "w_await_ms", new MetricName("write_await_seconds", 0.001),
            "speed_mbps", new MetricName("speed_bytes_per_second", 1e6 / 8),
            "aqu_sz", new MetricName("queue_size", 1));

    public static MetricName of(String resource, String metric) {
        MetricName base = base(metric);
        // No stutter: the cgroup row's cgroup_version is saturn_cgroup_version.
        String name = base.name.startsWith(resource + "_") ? base.name.substring(resource.length() + 1) : base.name;
        return new MetricName(sanitize("saturn_" + resource + "_" + name), base.scale);
    }

    static MetricName base(String metric) {
        MetricName special = SPECIAL.get(metric);
        if (special != null) {
            return special;
        }
        String m = metric.toLowerCase(java.util.Locale.ROOT);
        if (m.endsWith("_pct")) {
            return new MetricName(m.substring(0, m.length() - 4) + "_ratio", 0.01);
        }
        if (m.endsWith("_ms")) {
            return new MetricName(m.substring(0, m.length() - 3) + "_seconds", 0.001);
        }
        if (m.endsWith("_per_s")) {
            return new MetricName(m.substring(0, m.length() - 6) + "_per_second", 1);
        }
        return new MetricName(m, 1);
    }

    /** A /proc/meminfo field as node_exporter names it: Active(anon) is Active_anon. */
    static String sanitizeField(String field) {
        return field.indexOf('(') < 0 ? field : field.replace("(", "_").replace(")", "");
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return b.toString();
    }
}
