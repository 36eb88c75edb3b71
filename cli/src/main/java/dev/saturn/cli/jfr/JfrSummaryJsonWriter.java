package dev.saturn.cli.jfr;

import dev.saturn.analyzers.jvm.Contention;
import dev.saturn.analyzers.jvm.EventSettings;
import dev.saturn.analyzers.jvm.GcTotals;
import dev.saturn.analyzers.jvm.JfrSummary;
import dev.saturn.analyzers.jvm.MethodHeat;
import dev.saturn.report.ReportWriter;
import dev.saturn.report.json.UseReportJson;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `saturn jfr summary --json`: one object, the fields of docs/jfr-summary.md. */
final class JfrSummaryJsonWriter implements ReportWriter<SummaryOfFile> {
    @Override
    public String contentType() {
        return JSON;
    }

    @Override
    public void write(Writer out, SummaryOfFile report) throws IOException {
        Path file = report.file();
        JfrSummary s = report.summary();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", file.toString());
        if (s.jvm() != null) {
            Map<String, Object> jvm = new LinkedHashMap<>();
            jvm.put("name", s.jvm().name());
            jvm.put("version", s.jvm().version());
            jvm.put("pid", s.jvm().pid() > 0 ? s.jvm().pid() : null);
            jvm.put("java_arguments", s.jvm().javaArguments());
            root.put("jvm", jvm);
        } else {
            root.put("jvm", null);
        }
        root.put("start", s.span().start() == null ? null : s.span().start().toString());
        root.put("end", s.span().end() == null ? null : s.span().end().toString());
        root.put("duration_s", s.span().seconds());
        root.put("events", s.span().events());
        root.put("truncated", s.span().truncated());

        Map<String, Object> samples = settings(s.sampling());
        samples.put("count", s.samples());
        List<Object> methods = new ArrayList<>();
        for (MethodHeat m : s.hotMethods()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", m.method());
            row.put("self", m.self());
            row.put("total", m.total());
            row.put("self_pct", 100.0 * m.self() / s.samples());
            row.put("total_pct", 100.0 * m.total() / s.samples());
            methods.add(row);
        }
        samples.put("hot_methods", methods);
        root.put("execution_samples", samples);

        Map<String, Object> gc = settings(s.gcSettings());
        gc.put("collections", s.gc().collections());
        gc.put("total_pause_ns", s.gc().totalPauseNs());
        gc.put("max_pause_ns", s.gc().maxPauseNs());
        gc.put("pause_pct", s.gcPausePct());
        List<Object> collectors = new ArrayList<>();
        for (GcTotals g : s.gcByCollector()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("collector", g.collector());
            row.put("collections", g.collections());
            row.put("total_pause_ns", g.totalPauseNs());
            row.put("max_pause_ns", g.maxPauseNs());
            collectors.add(row);
        }
        gc.put("by_collector", collectors);
        root.put("gc", gc);

        Map<String, Object> monitors = contention(s.monitorSettings(), s.monitors(), s.monitorWaitNs());
        monitors.put("saturation", s.monitorSaturation());
        root.put("monitor_enter", monitors);
        root.put("park", contention(s.parkSettings(), s.parks(), s.parkNs()));
        UseReportJson.writeTree(root, out);
        out.write(System.lineSeparator());
        out.flush();
    }

    private static Map<String, Object> settings(EventSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_type", settings.eventType());
        m.put("enabled", settings.enabled());
        if (settings.period() != null) {
            m.put("period", settings.period());
        }
        if (settings.threshold() != null) {
            m.put("threshold", settings.threshold());
        }
        return m;
    }

    private static Map<String, Object> contention(EventSettings settings, List<Contention> rows, long totalNs) {
        Map<String, Object> m = settings(settings);
        m.put("wait_ns", totalNs);
        List<Object> classes = new ArrayList<>();
        for (Contention c : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", c.objectClass());
            row.put("waits", c.waits());
            row.put("threads", c.threads());
            row.put("total_ns", c.totalNs());
            row.put("max_ns", c.maxNs());
            row.put("site", c.topSite());
            classes.add(row);
        }
        m.put("classes", classes);
        return m;
    }
}
