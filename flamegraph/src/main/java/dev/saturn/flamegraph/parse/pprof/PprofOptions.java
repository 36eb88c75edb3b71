package dev.saturn.flamegraph.parse.pprof;

/**
 * How a pprof profile is read: which of its sample types weighs the stacks, by type name (cpu,
 * samples, delay, inuse_space) or by index from 0; null takes the first.
 */
public record PprofOptions(String sampleType) {
    public static final PprofOptions DEFAULTS = new PprofOptions(null);
}
