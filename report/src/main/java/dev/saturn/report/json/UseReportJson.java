package dev.saturn.report.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.saturn.analyzers.use.AnalyzerOutcome;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.Finding;
import dev.saturn.analyzers.use.ProcessCpu;
import dev.saturn.analyzers.use.ProcessFigure;
import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON contract of docs/json.md, one object per report: `saturn use --json`,
 * `saturn history --json` and the agent's /api/v1 all write it through here.
 */
public final class UseReportJson {
    static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build()
            .setCodec(JsonTrees.CODEC);

    private UseReportJson() {
    }

    public static void write(UseReport r, Writer out) throws IOException {
        writeTree(tree(r), out);
    }

    /** A tree of maps, lists and scalars as one JSON value (the writer is flushed, not closed). */
    public static void writeTree(Object tree, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            JsonTrees.write(g, tree);
        }
    }

    /** A generator that writes trees of {@link #tree} one by one, for answers too large to build whole. */
    public static JsonGenerator generator(java.io.OutputStream out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    public static byte[] bytes(Object tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            JsonTrees.write(g, tree);
        }
        return out.toByteArray();
    }

    public static Map<String, Object> tree(UseReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("host", r.host());
        root.put("kernel", r.kernel());
        root.put("cpu_model", r.cpuModel());
        root.put("cpus", r.cpus());
        root.put("memory_bytes", r.memoryBytes());
        root.put("interval_s", r.intervalSeconds());
        root.put("timestamp", r.timestamp().toString());
        List<Object> resources = new ArrayList<>();
        for (ResourceUse row : r.resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resource", row.resource());
            m.put("device", row.device());
            m.put("utilization", cell(row.utilization()));
            m.put("saturation", cell(row.saturation()));
            m.put("errors", cell(row.errors()));
            m.put("metrics", row.metrics());
            m.put("unavailable_metrics", row.unavailableMetrics());
            processes(r.processesFor(row.resource()), m);
            resources.add(m);
        }
        root.put("resources", resources);
        List<Object> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().label());
            m.put("resource", f.resource());
            m.put("device", f.device());
            m.put("text", f.text());
            findings.add(m);
        }
        root.put("findings", findings);
        List<Object> top = new ArrayList<>();
        for (ProcessCpu p : r.topProcesses()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", p.pid());
            m.put("command", p.command());
            m.put("cpu_pct", p.cpuPct());
            m.put("state", String.valueOf(p.state()));
            top.add(m);
        }
        root.put("top_processes", top);
        if (r.topProcessesReason() != null) {
            root.put("top_processes_reason", r.topProcessesReason());
        }
        if (!r.analyzers().isEmpty()) {
            List<Object> analyzers = new ArrayList<>();
            for (AnalyzerOutcome a : r.analyzers()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("resource", a.resource());
                m.put("success", a.success());
                if (a.reason() != null) {
                    m.put("reason", a.reason());
                }
                analyzers.add(m);
            }
            root.put("analyzers", analyzers);
        }
        return root;
    }

    /** The processes behind a resource: each metric's top processes in one list, and why a metric has none. */
    public static void processes(List<ProcessRanking> rankings, Map<String, Object> row) {
        if (rankings.isEmpty()) {
            return;
        }
        List<Object> top = new ArrayList<>();
        Map<String, Object> unavailable = new LinkedHashMap<>();
        for (ProcessRanking ranking : rankings) {
            for (ProcessFigure p : ranking.top()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("metric", ranking.metric());
                m.put("pid", p.pid());
                m.put("comm", p.comm());
                m.put("cgroup", p.cgroup());
                m.put("value", p.value());
                m.put("unit", ranking.unit());
                if (p.limit() != null) {
                    m.put("limit", p.limit());
                }
                top.add(m);
            }
            if (ranking.reason() != null) {
                unavailable.put(ranking.metric(), ranking.reason());
            } else if (ranking.unreadable() != null) {
                unavailable.put(ranking.metric(), ranking.unreadable());
            }
        }
        row.put("top_processes", top);
        if (!unavailable.isEmpty()) {
            row.put("top_processes_unavailable", unavailable);
        }
    }

    private static Map<String, Object> cell(Cell c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", c.metric());
        m.put("value", c.value());
        m.put("unit", c.unit());
        m.put("status", c.status().label());
        m.put("reason", c.reason());
        return m;
    }
}
