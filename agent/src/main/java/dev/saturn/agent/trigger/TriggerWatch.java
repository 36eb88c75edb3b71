package dev.saturn.agent.trigger;

import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the conditions against each report. A condition with a duration holds once consecutive samples
 * at or above the threshold cover that long, on the monotonic clock (a sample covers its interval); a
 * sample below it, or a missing one, starts over. A metric this host does not have makes its condition
 * inactive, said once in the log.
 */
public final class TriggerWatch {
    /**
     * What fired: the condition, the value that made it and, for a resource with devices (disk, network...), the
     * device whose row held (the one with the highest value); null for a resource without devices (cpu, memory).
     */
    public record Fired(TriggerCondition condition, double value, String device) {
        public Fired(TriggerCondition condition, double value) {
            this(condition, value, null);
        }

        /** "cpu.utilization 97% >= cpu.utilization>=90%for30s", "disk.util_pct 100% on vda >= disk.util_pct>=50%". */
        public String reason() {
            return condition.name() + " " + String.format(Locale.ROOT, "%.0f", value) + (condition.metricKey().endsWith("_pct") ? "%" : "")
                    + (device == null ? "" : " on " + device) + " >= " + condition;
        }

        /** The finding's subject this fired for: "cpu", "disk vda". */
        public String subject() {
            return device == null ? condition.resource() : condition.resource() + " " + device;
        }
    }

    /** A condition's value in one report, and the device whose row gave it. */
    private record Held(double value, String device) {
    }

    private final List<TriggerCondition> conditions;
    private final long[] holdingSince;
    private final Set<String> saidMissing = new HashSet<>();
    private final AgentLog log;

    public TriggerWatch(List<TriggerCondition> conditions, AgentLog log) {
        this.conditions = List.copyOf(conditions);
        this.holdingSince = new long[conditions.size()];
        java.util.Arrays.fill(holdingSince, Long.MIN_VALUE);
        this.log = log;
    }

    /** The first condition that holds after this report, taken at monotonic {@code nanos}. */
    public Optional<Fired> check(UseReport report, long nanos) {
        long intervalNanos = Math.round(report.intervalSeconds() * 1e9);
        Fired fired = null;
        for (int i = 0; i < conditions.size(); i++) {
            TriggerCondition c = conditions.get(i);
            Held held = value(report, c);
            if (held == null || held.value() < c.atLeast()) {
                holdingSince[i] = Long.MIN_VALUE;
                continue;
            }
            if (holdingSince[i] == Long.MIN_VALUE) {
                holdingSince[i] = nanos - intervalNanos;
            }
            if (fired == null && nanos - holdingSince[i] >= c.holdFor().toNanos()) {
                fired = new Fired(c, held.value(), held.device());
            }
        }
        return Optional.ofNullable(fired);
    }

    /** After a profile: every condition must hold anew for its whole duration. */
    public void reset() {
        java.util.Arrays.fill(holdingSince, Long.MIN_VALUE);
    }

    /**
     * The resource's device-less row (cpu, memory) when it has one; else the highest value of its device rows (disk
     * vda, disk vdb...): a condition on a resource with devices holds when any device's row holds. A device whose
     * row has no value this sample (it appeared during the interval) is passed over; the condition is inactive
     * only when no row has the metric.
     */
    private Held value(UseReport report, TriggerCondition c) {
        Held best = null;
        String why = null;
        boolean rows = false;
        boolean known = false;
        for (ResourceUse row : report.resources()) {
            if (!row.resource().equals(c.resource())) {
                continue;
            }
            rows = true;
            Double v = row.metric(c.metricKey());
            if (row.device() == null) {
                if (v == null) {
                    missing(c, unavailable(row, c));
                    return null;
                }
                return new Held(v, null);
            }
            known |= row.metrics().containsKey(c.metricKey());
            if (v == null) {
                why = why == null ? unavailable(row, c) : why;
            } else if (best == null || v > best.value()) {
                best = new Held(v, row.device());
            }
        }
        if (best == null && !known) {
            // a device row without a value this sample (it appeared during the interval) is not a missing metric
            missing(c, rows ? why : "this host's report has no " + c.resource() + " row");
        }
        return best;
    }

    private static String unavailable(ResourceUse row, TriggerCondition c) {
        String subject = row.device() == null ? row.resource() : row.resource() + " " + row.device();
        if (!row.metrics().containsKey(c.metricKey())) {
            return "the " + subject + " row has no metric " + c.metricKey()
                    + " (it has " + String.join(", ", row.metrics().keySet()) + ")";
        }
        String why = row.unavailableMetrics().get(c.metricKey());
        return why == null ? "no value on this host" : why;
    }

    private void missing(TriggerCondition c, String why) {
        if (saidMissing.add(c.name())) {
            log.event("trigger " + c + " is inactive: " + why);
        }
    }
}
