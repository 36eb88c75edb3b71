package dev.saturn.profiling.ring;

/**
 * What the ring gave for the seconds before a moment.
 *
 * @param seconds        the seconds it covers: from the oldest second it held in the window to the moment's second
 * @param samples        the samples copied, those over the cap included
 * @param overCapSamples samples the ring did not keep (over its cap of bytes a second), counted under
 *                       {@link PerfRing#OVER_CAP}
 */
public record RingSlice(int seconds, long samples, long overCapSamples) {
    public static final RingSlice EMPTY = new RingSlice(0, 0, 0);
}
