package dev.saturn.agent.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile the agent recorded, as its index keeps it. The files are {@code id}.svg, {@code id}.folded and (since
 * the drill-down) {@code id}.processes.json in the profiles directory; the id is made by the agent (time, trigger,
 * kind), never taken from a request.
 *
 * @param time    when recording started, ISO-8601 UTC
 * @param kind    "system" (perf, every CPU), "jvm" (async-profiler in the top process) or "processes" (perf of the
 *                processes the drill-down chose: time off CPU, page faults)
 * @param pid     the profiled JVM, or the top process when system-wide (null when unknown)
 * @param bytes   the size of both files
 * @param preTriggerSeconds the seconds before the trigger that the ring gave, under the root frame
 *                {@code [before trigger]} (the trigger's own under {@code [after trigger]}); null when the profile
 *                starts at its trigger (no ring, or not a system profile)
 * @param preTriggerSamples the samples of that part, at {@code preTriggerHz} per CPU
 * @param drill   what the profile was recorded for (the resource, the event, why those processes); null in the
 *                entries of agents from before the drill-down (their profiles are CPU samples)
 */
public record StoredProfile(String id, String time, String reason, String kind, Long pid, String command,
                            double durationSeconds, long samples, long bytes, Integer preTriggerSeconds,
                            Long preTriggerSamples, Integer preTriggerHz, Drill drill) {
    public static final String URL_PREFIX = "/api/v1/profiles/";
    /** The root frames of a profile with a part before its trigger. */
    public static final String BEFORE_TRIGGER = "[before trigger]";
    public static final String AFTER_TRIGGER = "[after trigger]";
    /** The file beside the flame graph with the plan and the process table of the trigger's moment. */
    public static final String PROCESSES = "processes.json";

    /**
     * The drill-down from a saturated resource to this profile.
     *
     * @param resource  the condition's resource (cpu, disk, memory...)
     * @param device    the device whose row held (vda), or null
     * @param event     what was recorded, as `saturn profile --event` names it: cpu, offcpu, page-faults, major-faults
     * @param target    "every CPU", "process 4012 load", "JVM 4012 (java)"
     * @param why       why this event of these processes (DrillPlan's words)
     * @param lead      what leads the recorded profile (DrillLead's words), or null
     * @param processes whether {@code id}.processes.json was written beside it
     */
    public record Drill(String resource, String device, String event, String target, String why, String lead, boolean processes) {
        /** "disk vda", "memory". */
        public String subject() {
            return device == null ? resource : resource + " " + device;
        }
    }

    /** Recorded before the drill-down. */
    public StoredProfile(String id, String time, String reason, String kind, Long pid, String command,
                         double durationSeconds, long samples, long bytes, Integer preTriggerSeconds,
                         Long preTriggerSamples, Integer preTriggerHz) {
        this(id, time, reason, kind, pid, command, durationSeconds, samples, bytes, preTriggerSeconds, preTriggerSamples, preTriggerHz, null);
    }

    /** A profile that starts at its trigger. */
    public StoredProfile(String id, String time, String reason, String kind, Long pid, String command,
                         double durationSeconds, long samples, long bytes) {
        this(id, time, reason, kind, pid, command, durationSeconds, samples, bytes, null, null, null, null);
    }

    public String svgUrl() {
        return URL_PREFIX + id + ".svg";
    }

    /** The plan and process table of its moment, or null when none was written. */
    public String processesUrl() {
        return drill != null && drill.processes() ? URL_PREFIX + id + "." + PROCESSES : null;
    }

    /**
     * The entry of /api/v1/profiles (started and resource are the names the dashboard shows: what was profiled);
     * subject, event, why, lead and processes_url are null in entries from before the drill-down.
     */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("time", time);
        m.put("started", time);
        m.put("reason", reason);
        m.put("kind", kind);
        m.put("pid", pid);
        m.put("command", command);
        m.put("resource", kind.equals("jvm") ? "JVM " + pid + " (" + command + ")"
                : drill == null || drill.target() == null ? "every CPU (perf)" : drill.target() + " (perf" + (drill.event().equals("cpu") ? "" : " " + drill.event()) + ")");
        m.put("subject", drill == null ? null : drill.subject());
        m.put("event", drill == null ? null : drill.event());
        m.put("why", drill == null ? null : drill.why());
        m.put("lead", drill == null ? null : drill.lead());
        m.put("duration_s", durationSeconds);
        m.put("samples", samples);
        m.put("url", svgUrl());
        m.put("folded_url", URL_PREFIX + id + ".folded");
        m.put("processes_url", processesUrl());
        if (preTriggerSeconds != null) {
            m.put("pre_trigger_s", preTriggerSeconds);
            m.put("pre_trigger_samples", preTriggerSamples);
            m.put("pre_trigger_hz", preTriggerHz);
        }
        return m;
    }
}
