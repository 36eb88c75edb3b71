package dev.saturn.flamegraph.parse;

import java.util.regex.Pattern;

/**
 * What the counts of a parse add up: samples, or a perf event's periods. perf script prints each
 * sample's period, and stackcollapse-perf.pl sums them: for cpu-clock and task-clock that is
 * nanoseconds of CPU, for a hardware event its count (cycles, instructions).
 *
 * @param name  the unit, for tooltips (flamegraph.pl's --countname): samples, ns, cycles, ...
 * @param event the event whose periods were summed, or what was measured; null for samples
 * @param what  what the counts are, for {@link #describe()}: "cpu-clock periods summed"
 */
public record CountUnit(String name, String event, String what) {
    public static final CountUnit SAMPLES = new CountUnit("samples", null, null);

    /** Counts of {@code event}'s periods summed, in {@code name}. */
    public CountUnit(String name, String event) {
        this(name, event, event + " periods summed");
    }

    /** Counts of some other kind, told as {@code what}: "pprof delay values". */
    public static CountUnit valuesOf(String name, String event, String what) {
        return new CountUnit(name, event, what);
    }

    /** perf's event modifiers after the last colon ({@code cpu-clock:pppH}, {@code cycles:u}). */
    private static final Pattern MODIFIERS = Pattern.compile(":[ukhIGHpPSDWe]+$");

    /** The unit of summed periods of {@code event} as perf script names it. */
    public static CountUnit periodsOf(String event) {
        String base = MODIFIERS.matcher(event).replaceFirst("");
        boolean clock = base.equals("cpu-clock") || base.equals("task-clock");
        return new CountUnit(clock ? "ns" : base, event);
    }

    public boolean samples() {
        return event == null;
    }

    /** "counts are cpu-clock periods summed, in ns", for a subtitle or a note. */
    public String describe() {
        return samples() ? "counts are samples" : "counts are " + what + ", in " + name;
    }
}
