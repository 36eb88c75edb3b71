package dev.saturn.cli.stat;

import dev.saturn.collectors.perf.CounterEvent;
import dev.saturn.collectors.perf.EventCount;
import dev.saturn.collectors.perf.ProcessCounts;
import dev.saturn.report.ReportWriter;
import dev.saturn.report.json.UseReportJson;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `saturn stat --json`: one object, the fields of docs/stat.md. */
final class StatJsonWriter implements ReportWriter<StatReport> {
    @Override
    public String contentType() {
        return JSON;
    }

    @Override
    public void write(Writer out, StatReport r) throws IOException {
        ProcessCounts c = r.counts();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("pid", c.pid());
        root.put("command", c.command());
        root.put("elapsed_s", r.elapsedSeconds());
        root.put("stopped_by", r.stoppedBy().label);
        root.put("user_only", c.userOnly());
        Map<String, Object> threads = new LinkedHashMap<>();
        threads.put("at_start", c.threadsAtStart());
        threads.put("started_since", c.threadsStartedSeen());
        threads.put("exited", c.threadsExited());
        root.put("threads", threads);
        List<Object> events = new ArrayList<>();
        for (EventCount e : c.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.event().perfName());
            m.put("supported", e.supported());
            if (!e.supported()) {
                m.put("reason", e.unsupported());
            } else {
                m.put("unit", e.event() == CounterEvent.TASK_CLOCK ? "ns" : null);
                m.put("value", Math.round(e.scaled()));
                m.put("raw", e.raw());
                m.put("enabled_ns", e.enabledNs());
                m.put("running_ns", e.runningNs());
                m.put("per_cpu_second", e.event() == CounterEvent.TASK_CLOCK ? null : r.perSecond(e));
            }
            events.add(m);
        }
        root.put("events", events);
        root.put("cpus_utilized", r.cpusUtilized());
        root.put("ipc", r.ipc());
        root.put("ghz", r.ghz());
        UseReportJson.writeTree(root, out);
        out.write(System.lineSeparator());
        out.flush();
    }
}
