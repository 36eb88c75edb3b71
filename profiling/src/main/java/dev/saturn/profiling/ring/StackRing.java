package dev.saturn.profiling.ring;

import dev.saturn.flamegraph.folded.StackSink;
import java.util.HashMap;
import java.util.Map;

/**
 * The folded stacks of the last {@code seconds} seconds, one map per second of CLOCK_MONOTONIC, reused in a
 * circle. Memory is bounded: each second keeps at most {@code maxStacks} distinct stacks and {@code maxChars}
 * characters of them; a sample beyond either is still counted, under {@link #OVER_CAP}, so a flame graph shows
 * how much the cap left out rather than hiding it. A second older than the ring's window is dropped.
 */
public final class StackRing {
    /** The frame that stands for the samples whose stacks a full second could not keep. */
    public static final String OVER_CAP = "[ring: stacks over the per-second cap, not kept]";

    private final int seconds;
    private final int maxStacks;
    private final int maxChars;
    private final Bucket[] buckets;
    private long newest = Long.MIN_VALUE;
    private long overCapSamples;
    private long lateSamples;

    public StackRing(int seconds, int maxStacks, int maxChars) {
        if (seconds < 1 || maxStacks < 1 || maxChars < 1) {
            throw new IllegalArgumentException("a ring needs at least a second, a stack and a character");
        }
        this.seconds = seconds;
        this.maxStacks = maxStacks;
        this.maxChars = maxChars;
        this.buckets = new Bucket[seconds];
    }

    public int seconds() {
        return seconds;
    }

    /** Adds {@code weight} samples of {@code stack} taken in monotonic second {@code second}. */
    public synchronized void add(long second, String stack, long weight) {
        if (newest != Long.MIN_VALUE && second <= newest - seconds) {
            lateSamples += weight;
            return;
        }
        newest = Math.max(newest, second);
        int i = (int) Math.floorMod(second, (long) seconds);
        Bucket b = buckets[i];
        if (b == null || b.second != second) {
            b = new Bucket(second);
            buckets[i] = b;
        }
        b.samples += weight;
        long[] count = b.stacks.get(stack);
        if (count != null) {
            count[0] += weight;
        } else if (b.stacks.size() < maxStacks && b.chars + stack.length() <= maxChars) {
            b.stacks.put(stack, new long[] {weight});
            b.chars += stack.length();
        } else {
            b.overCap += weight;
            overCapSamples += weight;
        }
    }

    /**
     * Copies the whole seconds before the one holding {@code boundaryNanos} (the moment's own second is partly
     * after it) into {@code sink}, each stack under {@code root}: at most {@code n} seconds, those the ring holds.
     */
    public synchronized RingSlice before(long boundaryNanos, int n, StackSink sink, String root) {
        long boundary = Math.floorDiv(boundaryNanos, 1_000_000_000L);
        long oldest = Long.MAX_VALUE;
        long samples = 0;
        long overCap = 0;
        String prefix = root == null ? "" : root + ";";
        for (Bucket b : buckets) {
            if (b == null || b.second >= boundary || b.second < boundary - Math.min(n, seconds)) {
                continue;
            }
            oldest = Math.min(oldest, b.second);
            samples += b.samples;
            overCap += b.overCap;
            for (Map.Entry<String, long[]> e : b.stacks.entrySet()) {
                sink.accept(prefix + e.getKey(), e.getValue()[0]);
            }
            if (b.overCap > 0) {
                sink.accept(prefix + OVER_CAP, b.overCap);
            }
        }
        return oldest == Long.MAX_VALUE ? RingSlice.EMPTY : new RingSlice((int) (boundary - oldest), samples, overCap);
    }

    /** The characters of the stacks held, in all seconds: what bounds the ring's memory, with the count of stacks. */
    public synchronized long heldChars() {
        long chars = 0;
        for (Bucket b : buckets) {
            chars += b == null ? 0 : b.chars;
        }
        return chars;
    }

    public synchronized int heldStacks() {
        int n = 0;
        for (Bucket b : buckets) {
            n += b == null ? 0 : b.stacks.size();
        }
        return n;
    }

    /** Samples not kept by stack since the start (over the cap), and samples that came after their second left the ring. */
    public synchronized long overCapSamples() {
        return overCapSamples;
    }

    public synchronized long lateSamples() {
        return lateSamples;
    }

    private static final class Bucket {
        final long second;
        final Map<String, long[]> stacks = new HashMap<>();
        long chars;
        long samples;
        long overCap;

        Bucket(long second) {
            this.second = second;
        }
    }
}
