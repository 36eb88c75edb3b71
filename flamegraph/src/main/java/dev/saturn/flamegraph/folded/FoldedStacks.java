package dev.saturn.flamegraph.folded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Unique stacks and their summed weights; memory grows with the unique stacks, not the input.
 * Written out as folded lines sorted by byte order, as stackcollapse-*.pl print them. Stacks are
 * Strings of ISO-8859-1 chars, one char per input byte, so sorting and writing keep the bytes.
 * Whole weights add up exactly as longs; fractional ones (folded input may have them) are kept
 * apart, and a stack that has some is written as Perl prints its sum.
 */
public final class FoldedStacks implements StackSink {
    private final Map<String, long[]> weights = new HashMap<>();
    private final Map<String, double[]> fractions = new HashMap<>();

    @Override
    public void accept(String stack, long weight) {
        long[] w = weights.get(stack);
        if (w == null) {
            weights.put(stack, new long[] {weight});
        } else {
            w[0] += weight;
        }
    }

    @Override
    public void accept(String stack, double weight) {
        if (weight == Math.rint(weight) && Math.abs(weight) < 0x1p53) {
            accept(stack, (long) weight);
            return;
        }
        accept(stack, 0L);
        fractions.computeIfAbsent(stack, s -> new double[1])[0] += weight;
    }

    public int size() {
        return weights.size();
    }

    /** Hands every unique stack and its summed weight to {@code sink}, in no particular order. */
    public void forEach(StackSink sink) {
        for (Map.Entry<String, long[]> e : weights.entrySet()) {
            double[] fraction = fractions.get(e.getKey());
            if (fraction == null) {
                sink.accept(e.getKey(), e.getValue()[0]);
            } else {
                sink.accept(e.getKey(), e.getValue()[0] + fraction[0]);
            }
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        int n = weights.size();
        byte[][] stacks = new byte[n][];
        long[] counts = new long[n];
        Integer[] order = new Integer[n];
        int i = 0;
        for (Map.Entry<String, long[]> e : weights.entrySet()) {
            stacks[i] = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            counts[i] = e.getValue()[0];
            order[i] = i;
            i++;
        }
        // Unsigned bytes compare as String.compareTo compares these chars, and stacks share long
        // prefixes, which Arrays.compareUnsigned skips a word at a time.
        Arrays.sort(order, new ByBytes(stacks));
        byte[] buf = new byte[1 << 16];
        int used = 0;
        for (int k : order) {
            byte[] stack = stacks[k];
            byte[] sum = fractions.isEmpty() ? null : fractionalSum(stack, counts[k]);
            int room = stack.length + 2 + (sum == null ? 20 : sum.length);
            if (used + room > buf.length) {
                out.write(buf, 0, used);
                used = 0;
                if (room > buf.length) {
                    out.write(stack);
                    stack = new byte[0];
                }
            }
            System.arraycopy(stack, 0, buf, used, stack.length);
            used += stack.length;
            buf[used++] = ' ';
            if (sum == null) {
                used = putLong(counts[k], buf, used);
            } else {
                System.arraycopy(sum, 0, buf, used, sum.length);
                used += sum.length;
            }
            buf[used++] = '\n';
        }
        out.write(buf, 0, used);
        out.flush();
    }

    /** The stack's sum as Perl prints it when it has fractional weights, else null. */
    private byte[] fractionalSum(byte[] stack, long whole) {
        double[] fraction = fractions.get(new String(stack, StandardCharsets.ISO_8859_1));
        return fraction == null ? null : FoldedDiff.perlNumber(whole + fraction[0]).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A class rather than a lambda: linking a lambda costs a cold JVM a few milliseconds. */
    private static final class ByBytes implements Comparator<Integer> {
        private final byte[][] stacks;

        ByBytes(byte[][] stacks) {
            this.stacks = stacks;
        }

        @Override
        public int compare(Integer a, Integer b) {
            return Arrays.compareUnsigned(stacks[a], stacks[b]);
        }
    }

    private static int putLong(long v, byte[] buf, int at) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                byte[] min = Long.toString(v).getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(min, 0, buf, at, min.length);
                return at + min.length;
            }
            buf[at++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = v; p >= 10; p /= 10) {
            digits++;
        }
        for (int d = at + digits - 1; d >= at; d--) {
            buf[d] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }
}
