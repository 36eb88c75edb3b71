package dev.saturn.agent.trigger;

import dev.saturn.collectors.time.DurationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * When the agent records a profile by itself, and how much it keeps.
 *
 * @param conditions any one holding fires a profile; empty: triggered profiling is off
 * @param duration   how long each profile records
 * @param minGap     at most one triggered profile per this long, counted from the start of the last one written; zero: no gap
 * @param keep       the number of profiles kept (the oldest are deleted)
 * @param maxBytes   the disk the profiles may use (the oldest are deleted)
 * @param frequency  samples a second (per CPU for perf, per thread for async-profiler)
 * @param perf       the perf binary, on PATH or a path
 * @param jvm        also profile the top process with async-profiler when it is a JVM
 * @param ring       the ring of recent stacks that gives a system profile the seconds before its trigger
 */
public record TriggerConfig(List<TriggerCondition> conditions, Duration duration, Duration minGap, int keep, long maxBytes,
                            int frequency, String perf, boolean jvm, RingSettings ring) {
    public static final List<TriggerCondition> DEFAULT_CONDITIONS = List.of(
            TriggerCondition.parse("cpu.utilization>=90%for30s"), TriggerCondition.parse("cpu.psi_some>=20%"));
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MIN_GAP = Duration.ofMinutes(10);
    public static final int DEFAULT_KEEP = 50;

    /** Without the ring: profiles start at their trigger. */
    public TriggerConfig(List<TriggerCondition> conditions, Duration duration, Duration minGap, int keep, long maxBytes,
                         int frequency, String perf, boolean jvm) {
        this(conditions, duration, minGap, keep, maxBytes, frequency, perf, jvm, RingSettings.OFF);
    }

    public TriggerConfig {
        conditions = List.copyOf(conditions);
        ring = ring == null ? RingSettings.OFF : ring;
        if (duration.compareTo(Duration.ofMillis(500)) < 0 || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("profile duration " + format(duration) + " is out of range: give 500ms to 10m");
        }
        if (minGap.isNegative()) {
            throw new IllegalArgumentException("the gap between triggered profiles cannot be negative (0 means none)");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least 1 profile (got " + keep + ")");
        }
        if (frequency < 1 || frequency > 10_000) {
            throw new IllegalArgumentException("profile frequency " + frequency + " is out of range: give 1 to 10000 (99 is usual)");
        }
    }

    public static TriggerConfig defaults(long maxBytes) {
        return new TriggerConfig(DEFAULT_CONDITIONS, DEFAULT_DURATION, DEFAULT_MIN_GAP, DEFAULT_KEEP, maxBytes, 99, "perf", true, RingSettings.DEFAULT);
    }

    /** No triggers: profiles already on disk are still listed. */
    public static TriggerConfig disabled() {
        return defaults(Long.MAX_VALUE).withConditions(List.of());
    }

    /**
     * How long after the {@code n}th attempt in a row that wrote nothing the next may start: the profile duration,
     * doubling with each such attempt, up to the gap or 10 minutes, whichever is longer. perf then runs at most
     * half the time while it keeps failing, and after a few tries about once per gap (once per 10 minutes with
     * no gap): a broken perf is never started at every sample.
     */
    public Duration retryWait(int n) {
        Duration cap = minGap.compareTo(DEFAULT_MIN_GAP) > 0 ? minGap : DEFAULT_MIN_GAP;
        Duration wait = duration.multipliedBy(1L << Math.min(n - 1, 30));
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    public boolean enabled() {
        return !conditions.isEmpty();
    }

    public TriggerConfig withConditions(List<TriggerCondition> c) {
        return new TriggerConfig(c, duration, minGap, keep, maxBytes, frequency, perf, jvm, ring);
    }

    public TriggerConfig withRing(RingSettings r) {
        return new TriggerConfig(conditions, duration, minGap, keep, maxBytes, frequency, perf, jvm, r);
    }

    /**
     * The trigger.* keys of an agent --config file over this: trigger.cpu_utilization=90,
     * trigger.cpu_utilization.for=30s, trigger.cpu_psi_some=20 (each replaces the condition on that metric;
     * a value of "off" drops it), trigger.duration, trigger.min_gap, trigger.keep, trigger.jvm, trigger.enabled=false,
     * trigger.ring (true or false), trigger.ring.seconds, trigger.ring.frequency.
     */
    public TriggerConfig with(Properties p) {
        List<TriggerCondition> c = new ArrayList<>(conditions);
        TriggerConfig t = this;
        for (String key : p.stringPropertyNames().stream().filter(k -> k.startsWith("trigger.")).sorted().toList()) {
            String value = p.getProperty(key).strip();
            String name = key.substring("trigger.".length());
            switch (name) {
                case "jvm" -> t = new TriggerConfig(c, t.duration, t.minGap, t.keep, t.maxBytes, t.frequency, t.perf, bool(key, value), t.ring);
                case "ring" -> t = t.withRing(t.ring.withEnabled(bool(key, value)));
                case "ring.seconds" -> t = t.withRing(new RingSettings(t.ring.enabled(), integer(key, value), t.ring.frequency()));
                case "ring.frequency" -> t = t.withRing(new RingSettings(t.ring.enabled(), t.ring.seconds(), integer(key, value)));
                case "enabled" -> {
                    if (!bool(key, value)) {
                        c.clear();
                    }
                }
                case "duration" -> t = new TriggerConfig(c, duration(key, value), t.minGap, t.keep, t.maxBytes, t.frequency, t.perf, t.jvm, t.ring);
                case "min_gap" -> t = new TriggerConfig(c, t.duration, duration(key, value), t.keep, t.maxBytes, t.frequency, t.perf, t.jvm, t.ring);
                case "keep" -> t = new TriggerConfig(c, t.duration, t.minGap, integer(key, value), t.maxBytes, t.frequency, t.perf, t.jvm, t.ring);
                default -> condition(c, key, name, value, p);
            }
        }
        if (p.getProperty("trigger.enabled", "true").strip().equals("false")) {
            c.clear();
        }
        return t.withConditions(c);
    }

    private static void condition(List<TriggerCondition> c, String key, String name, String value, Properties p) {
        if (name.endsWith(".for")) {
            String base = name.substring(0, name.length() - 4);
            if (p.getProperty("trigger." + base) == null) {
                throw new IllegalArgumentException(key + " needs trigger." + base + " (the threshold) beside it");
            }
            return;
        }
        int underscore = name.indexOf('_');
        if (underscore < 1) {
            throw new IllegalArgumentException("unknown setting '" + key + "' (known: trigger.cpu_utilization, trigger.cpu_psi_some, "
                    + "trigger.RESOURCE_METRIC[.for], trigger.duration, trigger.min_gap, trigger.keep, trigger.jvm, trigger.enabled, trigger.ring, trigger.ring.seconds, trigger.ring.frequency)");
        }
        String resource = name.substring(0, underscore);
        String metric = name.substring(underscore + 1);
        c.removeIf(x -> x.resource().equals(resource) && x.metric().equals(metric));
        if (value.equals("off")) {
            return;
        }
        String hold = p.getProperty(key + ".for");
        c.add(TriggerCondition.parse(resource + "." + metric + ">=" + value + (hold == null ? "" : "for" + hold.strip())));
    }

    private static boolean bool(String key, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " takes true or false, got '" + value + "'");
        }
        return value.equals("true");
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value);
        }
    }

    private static Duration duration(String key, String value) {
        try {
            return DurationSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
