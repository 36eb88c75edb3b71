package dev.saturn.agent.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One profile the agent recorded, as its index keeps it. The files are {@code id}.svg and {@code id}.folded
 * in the profiles directory; the id is made by the agent (time, trigger, kind), never taken from a request.
 *
 * @param time    when recording started, ISO-8601 UTC
 * @param kind    "system" (perf, every CPU) or "jvm" (async-profiler in the top process)
 * @param pid     the profiled JVM, or the top process when system-wide (null when unknown)
 * @param bytes   the size of both files
 * @param preTriggerSeconds the seconds before the trigger that the ring gave, under the root frame
 *                {@code [before trigger]} (the trigger's own under {@code [after trigger]}); null when the profile
 *                starts at its trigger (no ring, or not a system profile)
 * @param preTriggerSamples the samples of that part, at {@code preTriggerHz} per CPU
 */
public record StoredProfile(String id, String time, String reason, String kind, Long pid, String command,
                            double durationSeconds, long samples, long bytes, Integer preTriggerSeconds,
                            Long preTriggerSamples, Integer preTriggerHz) {
    public static final String URL_PREFIX = "/api/v1/profiles/";
    /** The root frames of a profile with a part before its trigger. */
    public static final String BEFORE_TRIGGER = "[before trigger]";
    public static final String AFTER_TRIGGER = "[after trigger]";

    /** A profile that starts at its trigger. */
    public StoredProfile(String id, String time, String reason, String kind, Long pid, String command,
                         double durationSeconds, long samples, long bytes) {
        this(id, time, reason, kind, pid, command, durationSeconds, samples, bytes, null, null, null);
    }

    public String svgUrl() {
        return URL_PREFIX + id + ".svg";
    }

    /** The entry of /api/v1/profiles (started and resource are the names the dashboard shows). */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("time", time);
        m.put("started", time);
        m.put("reason", reason);
        m.put("kind", kind);
        m.put("pid", pid);
        m.put("command", command);
        m.put("resource", kind.equals("jvm") ? "JVM " + pid + " (" + command + ")" : "every CPU (perf)");
        m.put("duration_s", durationSeconds);
        m.put("samples", samples);
        m.put("url", svgUrl());
        m.put("folded_url", URL_PREFIX + id + ".folded");
        if (preTriggerSeconds != null) {
            m.put("pre_trigger_s", preTriggerSeconds);
            m.put("pre_trigger_samples", preTriggerSamples);
            m.put("pre_trigger_hz", preTriggerHz);
        }
        return m;
    }
}
