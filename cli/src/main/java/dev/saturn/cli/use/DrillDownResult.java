package dev.saturn.cli.use;

import dev.saturn.analyzers.use.Finding;
import dev.saturn.profiling.drill.DrillLead;
import dev.saturn.profiling.drill.DrillPlan;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What `saturn use --drill-down` did after the checklist: recorded the profile that fits the worst finding, found no
 * finding to drill into, or could not record (with the reason).
 *
 * @param plan    null when there was no finding
 * @param svg     the flame graph written, null unless recorded
 * @param total   what the profile's counts add up to, in {@code unit} ("us off CPU", "samples", "page faults")
 * @param ended   "" for the full duration, else why it ended early ("Ctrl-C")
 */
record DrillDownResult(State state, String reason, Finding finding, DrillPlan plan, double seconds, Path svg, Path folded,
                       double total, String unit, DrillLead lead, String ended) {
    enum State {
        RECORDED, NO_FINDING, UNAVAILABLE
    }

    static DrillDownResult noFinding() {
        return new DrillDownResult(State.NO_FINDING, "no finding: every resource is ok", null, null, 0, null, null, 0, null, null, "");
    }

    static DrillDownResult unavailable(Finding finding, DrillPlan plan, String reason) {
        return new DrillDownResult(State.UNAVAILABLE, reason, finding, plan, 0, null, null, 0, null, null, "");
    }

    /** The lines under the report. */
    List<String> lines() {
        if (state == State.NO_FINDING) {
            return List.of("Drill-down: nothing to drill into (" + reason + ").");
        }
        List<String> head = List.of("Drill-down: " + plan.why(), "  finding: " + finding.text());
        if (state == State.UNAVAILABLE) {
            return List.of(head.get(0), head.get(1), "  not recorded: " + reason);
        }
        String recorded = String.format(Locale.ROOT, "  recorded %s for %.1f s%s: %s %s", plan.target(), seconds,
                ended.isEmpty() ? "" : " (ended early by " + ended + ")", amount(total), unit);
        return List.of(head.get(0), head.get(1), recorded,
                "  " + (lead == null ? "no stack leads (no samples)" : lead.text()),
                "  wrote " + svg + " (flame graph) and " + folded + " (folded stacks)");
    }

    /** The report's "drill_down" object. */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state.name().toLowerCase(Locale.ROOT));
        if (reason != null) {
            m.put("reason", reason);
        }
        if (plan == null) {
            return m;
        }
        m.put("finding", finding.text());
        m.put("resource", plan.resource());
        m.put("device", plan.device());
        m.put("event", plan.event().cliName());
        m.put("why", plan.why());
        m.put("processes", plan.processes().stream().map(p -> {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("pid", p.pid());
            q.put("comm", p.comm());
            q.put("figure", p.figure());
            return q;
        }).toList());
        if (state == State.RECORDED) {
            m.put("duration_s", seconds);
            m.put("ended_early_by", ended.isEmpty() ? null : ended);
            m.put("total", total);
            m.put("unit", unit);
            m.put("svg", svg.toString());
            m.put("folded", folded.toString());
            if (lead != null) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("process", lead.process());
                l.put("process_share", lead.processShare());
                l.put("stack", lead.stack());
                l.put("stack_share", lead.stackShare());
                l.put("text", lead.text());
                m.put("lead", l);
            }
        }
        return m;
    }

    private static String amount(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }
}
