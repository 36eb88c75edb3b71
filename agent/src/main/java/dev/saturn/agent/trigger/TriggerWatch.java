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
    /** What fired: the condition and the value that made it. */
    public record Fired(TriggerCondition condition, double value) {
        public String reason() {
            return condition.name() + " " + String.format(Locale.ROOT, "%.0f", value) + (condition.metricKey().endsWith("_pct") ? "%" : "")
                    + " >= " + condition;
        }
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
            Double value = value(report, c);
            if (value == null || value < c.atLeast()) {
                holdingSince[i] = Long.MIN_VALUE;
                continue;
            }
            if (holdingSince[i] == Long.MIN_VALUE) {
                holdingSince[i] = nanos - intervalNanos;
            }
            if (fired == null && nanos - holdingSince[i] >= c.holdFor().toNanos()) {
                fired = new Fired(c, value);
            }
        }
        return Optional.ofNullable(fired);
    }

    /** After a profile: every condition must hold anew for its whole duration. */
    public void reset() {
        java.util.Arrays.fill(holdingSince, Long.MIN_VALUE);
    }

    private Double value(UseReport report, TriggerCondition c) {
        for (ResourceUse row : report.resources()) {
            if (row.resource().equals(c.resource()) && row.device() == null) {
                if (!row.metrics().containsKey(c.metricKey())) {
                    missing(c, "the " + c.resource() + " row has no metric " + c.metricKey()
                            + " (it has " + String.join(", ", row.metrics().keySet()) + ")");
                    return null;
                }
                Double v = row.metric(c.metricKey());
                if (v == null) {
                    String why = row.unavailableMetrics().get(c.metricKey());
                    missing(c, why == null ? "no value on this host" : why);
                }
                return v;
            }
        }
        missing(c, "this host's report has no " + c.resource() + " row");
        return null;
    }

    private void missing(TriggerCondition c, String why) {
        if (saidMissing.add(c.name())) {
            log.event("trigger " + c + " is inactive: " + why);
        }
    }
}
