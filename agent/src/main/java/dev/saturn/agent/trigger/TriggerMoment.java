package dev.saturn.agent.trigger;

import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ProcessRankings;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.ProcessTableReader;
import dev.saturn.profiling.ProfileEvent;
import dev.saturn.profiling.drill.DrillPlan;
import dev.saturn.profiling.drill.DrillPlans;
import dev.saturn.report.json.UseReportJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processes at a trigger's moment: the process table read twice, a second apart (every file of every process:
 * the agent does not keep it between samples), the profile that fits the condition's resource (DrillPlans), the
 * rankings of that window and the process that used the most CPU.
 *
 * @param rankings empty when the table could not be read ({@code unreadable} says why)
 */
record TriggerMoment(DrillPlan plan, List<ProcessRanking> rankings, double seconds, Optional<TopProcess.Found> top, String unreadable) {
    static final long WINDOW_MILLIS = 1000;
    /** The processes named per metric in the file beside a profile. */
    static final int TOP = 10;

    static TriggerMoment read(TriggerWatch.Fired fired) throws InterruptedException {
        HostPaths proc = HostPaths.liveHost();
        Reading<ProcessTable> before = ProcessTableReader.read(proc);
        Thread.sleep(WINDOW_MILLIS);
        Reading<ProcessTable> after = ProcessTableReader.read(proc);
        String resource = fired.condition().resource();
        if (!before.isAvailable() || !after.isAvailable()) {
            return unread(fired, before.isAvailable() ? after.reason() : before.reason());
        }
        double seconds = before.get().secondsUntil(after.get(), WINDOW_MILLIS / 1000.0);
        return new TriggerMoment(DrillPlans.of(resource, fired.device(), before.get(), after.get(), seconds),
                ProcessRankings.of(before.get(), after.get(), seconds, TOP), seconds,
                TopProcess.of(before.get().processes(), after.get().processes()), null);
    }

    /** The moment whose process table could not be read: CPU samples of every CPU. */
    static TriggerMoment unread(TriggerWatch.Fired fired, String why) {
        return new TriggerMoment(new DrillPlan(fired.condition().resource(), fired.device(), ProfileEvent.CPU, List.of(),
                fired.subject() + ": the process table could not be read (" + why + "), so CPU samples of every CPU"),
                List.of(), WINDOW_MILLIS / 1000.0, Optional.empty(), why);
    }

    /**
     * The file beside a profile, id.processes.json: the plan (resource, device, event, why, processes) and the
     * process table of the window, each resource's rankings in the shape of a report row's top_processes.
     */
    Map<String, Object> json(String id, String time, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("time", time);
        m.put("reason", reason);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("resource", plan.resource());
        p.put("device", plan.device());
        p.put("subject", plan.subject());
        p.put("event", plan.event().cliName());
        p.put("target", plan.target());
        p.put("why", plan.why());
        List<Object> processes = new ArrayList<>();
        for (DrillPlan.Leader l : plan.processes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("pid", l.pid());
            x.put("comm", l.comm());
            x.put("figure", l.figure());
            processes.add(x);
        }
        p.put("processes", processes);
        m.put("plan", p);
        m.put("window_s", seconds);
        if (unreadable != null) {
            m.put("resources_reason", unreadable);
        }
        Map<String, List<ProcessRanking>> byResource = new LinkedHashMap<>();
        for (ProcessRanking r : rankings) {
            byResource.computeIfAbsent(r.resource(), k -> new ArrayList<>()).add(r);
        }
        List<Object> resources = new ArrayList<>();
        for (Map.Entry<String, List<ProcessRanking>> e : byResource.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("resource", e.getKey());
            UseReportJson.processes(e.getValue(), row);
            resources.add(row);
        }
        m.put("resources", resources);
        return m;
    }
}
