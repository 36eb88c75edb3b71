package dev.saturn.flamegraph.folded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One folded profile with duplicate stacks merged: stack (ISO-8859-1 chars, one per byte) to summed
 * count, in order of first appearance. Memory grows with the unique stacks. A differential line
 * counts with its last column, as difffolded.pl reads it.
 */
public final class FoldedProfile {
    private final Map<String, double[]> counts;
    private final double total;
    private final FoldedReader.Result result;

    private FoldedProfile(Map<String, double[]> counts, double total, FoldedReader.Result result) {
        this.counts = counts;
        this.total = total;
        this.result = result;
    }

    /** Reads {@code in}; {@code key} rewrites each stack before merging (identity for none). */
    public static FoldedProfile read(InputStream in, UnaryOperator<String> key) throws IOException {
        Map<String, double[]> counts = new LinkedHashMap<>();
        double[] total = {0};
        FoldedReader.Result result = FoldedReader.read(in, (buf, from, to, first, second) -> {
            double count = Double.isNaN(second) ? first : second;
            String stack = key.apply(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
            counts.computeIfAbsent(stack, s -> new double[1])[0] += count;
            total[0] += count;
        });
        return new FoldedProfile(counts, total[0], result);
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

    public FoldedReader.Result result() {
        return result;
    }
}
