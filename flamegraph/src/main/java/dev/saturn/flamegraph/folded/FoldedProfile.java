package dev.saturn.flamegraph.folded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One folded profile with duplicate stacks merged: stack (ISO-8859-1 chars, one per byte) to summed
 * count, in order of first appearance, fractional counts kept. Memory grows with the unique stacks.
 */
public final class FoldedProfile implements StackSink {
    private final Map<String, double[]> counts = new LinkedHashMap<>();
    private final UnaryOperator<String> key;
    private double total;

    /** {@code key} rewrites each stack before merging (identity for none). */
    public FoldedProfile(UnaryOperator<String> key) {
        this.key = key;
    }

    @Override
    public void accept(String stack, long weight) {
        accept(stack, (double) weight);
    }

    @Override
    public void accept(String stack, double weight) {
        counts.computeIfAbsent(key.apply(stack), s -> new double[1])[0] += weight;
        total += weight;
    }

    public double count(String stack) {
        double[] c = counts.get(stack);
        return c == null ? 0 : c[0];
    }

    public double total() {
        return total;
    }

    public int size() {
        return counts.size();
    }

    /** The unique stacks in order of first appearance. */
    public List<String> stacks() {
        return Collections.unmodifiableList(new ArrayList<>(counts.keySet()));
    }
}
