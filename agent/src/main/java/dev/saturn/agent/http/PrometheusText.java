package dev.saturn.agent.http;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.UseReport;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A USE report in the Prometheus text exposition format 0.0.4: every figure as a gauge named
 * saturn_&lt;resource&gt;_&lt;metric&gt; (see {@link MetricName}), each cell's value and status, and the
 * agent's own counters. Unavailable figures are absent, not NaN.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final MathContext DIGITS = new MathContext(15);
    private static final String[] CELLS = {"utilization", "saturation", "errors"};

    private final Map<String, Family> families = new LinkedHashMap<>();

    private record Family(String help, String type, List<String> samples, Set<String> series) {
    }

    public PrometheusText report(UseReport r) {
        gauge("saturn_use_timestamp_seconds", "Wall-clock time at the end of the latest USE interval.", "", r.timestamp().toEpochMilli() / 1000.0);
        gauge("saturn_use_interval_seconds", "Length of the latest USE interval.", "", r.intervalSeconds());
        for (ResourceUse row : r.resources()) {
            String labels = labels(row, null, null);
            for (Map.Entry<String, Double> m : row.metrics().entrySet()) {
                if (m.getValue() == null) {
                    continue;
                }
                MetricName name = MetricName.of(row.resource(), m.getKey());
                gauge(name.name(), "saturn USE figure " + m.getKey() + " of " + row.resource()
                        + (name.scale() == 1 ? "" : " (in base units)") + "; see docs/metrics.md.", labels, m.getValue() * name.scale());
            }
            Cell[] cells = {row.utilization(), row.saturation(), row.errors()};
            for (int i = 0; i < 3; i++) {
                Cell c = cells[i];
                if (c.metric().equals("none")) {
                    continue;
                }
                String cellLabels = labels(row, CELLS[i], c.metric());
                gauge("saturn_use_status", "Status of a USE cell: 0 ok, 1 warn, 2 crit, -1 unavailable.", cellLabels, status(c.status()));
                if (c.value() != null) {
                    gauge("saturn_use_cell_value", "Value of a USE cell as the saturn use table shows it (unit in the unit label).",
                            cellLabels + ",unit=\"" + escape(c.unit() == null ? "" : c.unit()) + "\"", c.value());
                }
            }
        }
        return this;
    }

    public PrometheusText counter(String name, String help, double value) {
        add(name, help, "counter", "", value);
        return this;
    }

    public PrometheusText gauge(String name, String help, String labels, double value) {
        add(name, help, "gauge", labels, value);
        return this;
    }

    private void add(String name, String help, String type, String labels, double value) {
        Family f = families.computeIfAbsent(name, n -> new Family(help, type, new ArrayList<>(), new HashSet<>()));
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        if (f.series.add(series)) {
            f.samples.add(series + " " + number(value));
        }
    }

    public String text() {
        StringBuilder b = new StringBuilder(16384);
        for (Map.Entry<String, Family> e : families.entrySet()) {
            b.append("# HELP ").append(e.getKey()).append(' ').append(e.getValue().help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            b.append("# TYPE ").append(e.getKey()).append(' ').append(e.getValue().type).append('\n');
            for (String s : e.getValue().samples) {
                b.append(s).append('\n');
            }
        }
        return b.toString();
    }

    private static String labels(ResourceUse row, String cell, String metric) {
        StringBuilder b = new StringBuilder();
        b.append("resource=\"").append(escape(row.resource())).append('"');
        if (row.device() != null) {
            b.append(",device=\"").append(escape(row.device())).append('"');
        }
        if (cell != null) {
            b.append(",cell=\"").append(cell).append("\",metric=\"").append(escape(metric)).append('"');
        }
        return b.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static double status(Status s) {
        return switch (s) {
            case OK -> 0;
            case WARN -> 1;
            case CRIT -> 2;
            case UNAVAILABLE -> -1;
        };
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // 15 significant digits: a scaled 94 % is 0.94, not 0.9400000000000001, and an epoch keeps its milliseconds.
        // A short representation has no such noise; only long ones pay for the BigDecimal (a scrape formats ~200).
        String shortest = Double.toString(v);
        if (shortest.length() <= 16) {
            return shortest;
        }
        return Double.toString(new BigDecimal(v).round(DIGITS).doubleValue());
    }
}
