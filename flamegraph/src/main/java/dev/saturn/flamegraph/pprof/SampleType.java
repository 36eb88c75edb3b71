package dev.saturn.flamegraph.pprof;

import java.util.Locale;

/**
 * What a pprof profile's values are, as its sample_type says: a type ("samples", "cpu", "off_cpu",
 * "alloc_space") and a unit ("count", "nanoseconds", "microseconds", "bytes"), the names
 * {@code go tool pprof} knows, so that it scales them (1.2s rather than 1200000000).
 */
public record SampleType(String type, String unit) {
    public static final SampleType SAMPLES = new SampleType("samples", "count");

    /**
     * From a flame graph's count name (samples, us, ns, nanoseconds, bytes, page faults, ...) and,
     * when known, what was recorded ({@code kind}: cpu, offcpu, wall, cpu-clock, sched:sched_switch,
     * alloc, lock; null when not known): samples are samples/count; otherwise the count name gives
     * the unit and the kind the type.
     */
    public static SampleType of(String countName, String kind) {
        String name = countName.trim().toLowerCase(Locale.ROOT);
        if (name.equals("samples") || name.isEmpty()) {
            return SAMPLES;
        }
        String unit = switch (name) {
            case "ns", "nanoseconds" -> "nanoseconds";
            case "us", "\u00b5s", "microseconds" -> "microseconds";
            case "ms", "milliseconds" -> "milliseconds";
            case "s", "seconds" -> "seconds";
            case "bytes", "b" -> "bytes";
            default -> "count";
        };
        if (kind != null && !kind.isBlank()) {
            return new SampleType(typeOf(kind), unit);
        }
        String type = switch (unit) {
            case "count" -> identifier(name);
            case "bytes" -> "space";
            default -> "time";
        };
        return new SampleType(type, unit);
    }

    /** offcpu and sched:sched_switch are off_cpu; cpu-clock and task-clock are cpu; else the kind as an identifier. */
    private static String typeOf(String kind) {
        String k = kind.toLowerCase(Locale.ROOT).replaceFirst(":[ukhIGHpPSDWe]+$", "");
        return switch (k) {
            case "offcpu", "off-cpu", "sched:sched_switch" -> "off_cpu";
            case "cpu", "cpu-clock", "task-clock" -> "cpu";
            default -> identifier(k);
        };
    }

    /** "page faults" as page_faults. */
    private static String identifier(String s) {
        return s.replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
