package dev.saturn.agent.trigger;

import dev.saturn.collectors.time.DurationSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "A metric of a USE row at least this much, for at least this long": {@code cpu.utilization>=90%for30s}.
 * The name is RESOURCE.METRIC of the agent's report (cpu.utilization is the cpu row's busy_pct; psi_some its
 * psi_some_pct); a zero {@code holdFor} fires on the first sample that holds.
 */
public record TriggerCondition(String resource, String metric, double atLeast, Duration holdFor) {
    private static final Pattern SPEC = Pattern.compile(
            "([a-z][a-z0-9_]*)\\.([a-z][a-z0-9_]*)\\s*>=\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%?\\s*(?:for\\s*(\\S.*))?");

    public TriggerCondition {
        if (!(atLeast >= 0) || Double.isInfinite(atLeast)) {
            throw new IllegalArgumentException("trigger " + resource + "." + metric + ": threshold " + atLeast + " is not a number >= 0");
        }
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("trigger " + resource + "." + metric + ": negative duration");
        }
    }

    public static TriggerCondition parse(String text) {
        Matcher m = SPEC.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("trigger '" + text + "' is not RESOURCE.METRIC>=VALUE[%][forDURATION]"
                    + " (e.g. 'cpu.utilization>=90%for30s', 'cpu.psi_some>=20%')");
        }
        Duration hold;
        try {
            hold = m.group(4) == null ? Duration.ZERO : DurationSpec.parse(m.group(4));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trigger '" + text + "': " + e.getMessage());
        }
        return new TriggerCondition(m.group(1), m.group(2), Double.parseDouble(m.group(3)), hold);
    }

    /** The key of the row's metrics map this condition reads. */
    public String metricKey() {
        if (metric.equals("utilization") && resource.equals("cpu")) {
            return "busy_pct";
        }
        return metric.equals("psi_some") || metric.equals("psi_full") ? metric + "_pct" : metric;
    }

    /** "cpu.utilization": also what profile file names carry (with '-' for '.'). */
    public String name() {
        return resource + "." + metric;
    }

    public String slug() {
        return name().replace('.', '-').replace('_', '-');
    }

    @Override
    public String toString() {
        String value = atLeast == Math.rint(atLeast) ? Long.toString((long) atLeast) : Double.toString(atLeast);
        return name() + ">=" + value + (metricKey().endsWith("_pct") ? "%" : "")
                + (holdFor.isZero() ? "" : "for" + TriggerConfig.format(holdFor));
    }
}
