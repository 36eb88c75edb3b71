package dev.saturn.flamegraph.json;

import dev.saturn.flamegraph.tree.Frame;
import dev.saturn.flamegraph.tree.FrameTree;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The tree as d3-flame-graph reads it: {@code {"name": "all", "value": N, "children": [...]}}, values
 * inclusive, children in the tree's order. A differential adds {@code "delta"} (second column minus the
 * scaled first column, d3-flame-graph's differential field). UTF-8, no pruning (the viewer has its own
 * minimum frame size), written without recursion so that any depth works.
 */
public final class D3JsonWriter {
    private D3JsonWriter() {
    }

    public static void write(FrameTree tree, OutputStream out) throws IOException {
        StringBuilder b = new StringBuilder(1 << 16);
        boolean diff = tree.differential();
        Frame[] stack = new Frame[64];
        int[] next = new int[64];
        boolean[] written = new boolean[64];
        int n = 0;
        open(b, tree, tree.root(), diff);
        stack[n] = tree.root();
        next[n++] = 0;
        while (n > 0) {
            Frame f = stack[n - 1];
            int i = next[n - 1];
            if (i < f.childCount()) {
                next[n - 1] = i + 1;
                Frame child = f.child(i);
                if (child.isSelfGap()) {
                    continue;
                }
                if (written[n - 1]) {
                    b.append(',');
                }
                written[n - 1] = true;
                open(b, tree, child, diff);
                if (n == stack.length) {
                    stack = Arrays.copyOf(stack, n * 2);
                    next = Arrays.copyOf(next, n * 2);
                    written = Arrays.copyOf(written, n * 2);
                }
                stack[n] = child;
                written[n] = false;
                next[n++] = 0;
            } else {
                b.append("]}");
                n--;
            }
            if (b.length() > 1 << 15) {
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                b.setLength(0);
            }
        }
        b.append('\n');
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void open(StringBuilder b, FrameTree tree, Frame f, boolean diff) {
        b.append("{\"name\":");
        string(b, f.name().text());
        b.append(",\"value\":");
        number(b, tree.width(f));
        if (diff) {
            b.append(",\"delta\":");
            number(b, tree.delta(f));
        }
        b.append(",\"children\":[");
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !pairedAt(s, i)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) (Character.isSurrogate(c) ? 0xfffd : c)));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Integers plainly, fractions as short decimals, never an exponent. */
    static void number(StringBuilder b, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            b.append((long) v);
        } else if (Double.isFinite(v)) {
            b.append(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
        } else {
            b.append('0');
        }
    }
}
