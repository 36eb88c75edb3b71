package dev.saturn.profiling;

import dev.saturn.collectors.jvm.AsyncProfilerEvent;
import dev.saturn.collectors.perf.PerfEvent;
import dev.saturn.flamegraph.svg.Palette;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a profile records, as a user names it, and which profiler can record it: async-profiler inside a JVM
 * (cpu, wall, alloc, lock), perf for any process (cpu, wall, offcpu, page-faults, major-faults). A JVM is
 * profiled with async-profiler when it can record the event, else with perf; wall keeps async-profiler in a
 * JVM (its own thread sampling, Java frames named), and offcpu and the fault events go through perf.
 */
public enum ProfileEvent {
    CPU(AsyncProfilerEvent.CPU, PerfEvent.CPU, "samples", Palette.HOT, "Profile of "),
    WALL(AsyncProfilerEvent.WALL, PerfEvent.WALL, "us of wall time", Palette.HOT, "Wall-clock time (us) of "),
    ALLOC(AsyncProfilerEvent.ALLOC, null, "bytes", Palette.JAVA, "Profile of "),
    LOCK(AsyncProfilerEvent.LOCK, null, "ns", Palette.JAVA, "Profile of "),
    OFFCPU(null, PerfEvent.OFFCPU, "us off CPU", Palette.IO, "Off-CPU time (us) of "),
    PAGE_FAULTS(null, PerfEvent.PAGE_FAULTS, "page faults", Palette.MEM, "Page faults of "),
    MAJOR_FAULTS(null, PerfEvent.MAJOR_FAULTS, "major faults", Palette.MEM, "Major page faults of ");

    private final AsyncProfilerEvent asyncProfiler;
    private final PerfEvent perf;
    private final String perfTotal;
    private final Palette perfPalette;
    private final String perfTitle;

    ProfileEvent(AsyncProfilerEvent asyncProfiler, PerfEvent perf, String perfTotal, Palette perfPalette, String perfTitle) {
        this.asyncProfiler = asyncProfiler;
        this.perf = perf;
        this.perfTotal = perfTotal;
        this.perfPalette = perfPalette;
        this.perfTitle = perfTitle;
    }

    /** The name on the command line: cpu, wall, alloc, lock, offcpu, page-faults, major-faults. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Optional<AsyncProfilerEvent> asyncProfiler() {
        return Optional.ofNullable(asyncProfiler);
    }

    public Optional<PerfEvent> perf() {
        return Optional.ofNullable(perf);
    }

    /** What the counts of a perf profile of this event add up to, for a summary line: "us off CPU", "page faults". */
    public String perfTotal() {
        return perfTotal;
    }

    /** The flame graph's colours for a perf profile: hot for CPU, blue (flamegraph.pl's io) off CPU, green (mem) for faults. */
    public Palette perfPalette() {
        return perfPalette;
    }

    /** The start of a perf profile's default title, which says what its counts are: "Off-CPU time (us) of ". */
    public String perfTitle() {
        return perfTitle;
    }

    public static Optional<ProfileEvent> fromName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.cliName().equals(n)).findFirst();
    }

    /** "cpu, wall, alloc, lock, offcpu, page-faults or major-faults". */
    public static String names() {
        String all = Arrays.stream(values()).map(ProfileEvent::cliName).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
