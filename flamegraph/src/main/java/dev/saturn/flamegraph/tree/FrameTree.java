package dev.saturn.flamegraph.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merged call paths with their counts, ready to draw: children ordered, inclusive counts summed, and
 * for a differential profile the scale and deltas settled. Immutable once built.
 *
 * <p>Differential profiles: the drawn width is the second column ({@link Frame#after()}), as in
 * flamegraph.pl, so a frame present only in the first profile has no width (the renderer lists it on
 * the frame below it). A frame's delta is inclusive (every frame has one, not only leaves): its second-column count minus
 * its first-column count times {@link #scale()}, the ratio of the totals when normalizing.
 */
public final class FrameTree {
    private final Frame root;
    private final boolean differential;
    private final double scale;
    private final boolean normalized;
    private final int size;
    private final int maxDepth;
    private final double maxAbsDelta;
    private final SiblingOrder order;

    private FrameTree(Frame root, boolean differential, double scale, boolean normalized, int size, int maxDepth,
            double maxAbsDelta, SiblingOrder order) {
        this.root = root;
        this.differential = differential;
        this.scale = scale;
        this.normalized = normalized;
        this.size = size;
        this.maxDepth = maxDepth;
        this.maxAbsDelta = maxAbsDelta;
        this.order = order;
    }

    /** {@code summed}: the builder has already summed the inclusive counts ({@link Frame#after()}, {@link Frame#before()}). */
    static FrameTree seal(Frame root, boolean differential, int maxDepth, TreeOptions options, boolean summed) {
        if (!summed) {
            sum(root);
        }
        boolean normalized = differential && options.normalize() && root.before > 0 && root.before != root.after;
        double scale = normalized ? root.after / root.before : 1;
        double maxAbsDelta = 0;
        if (differential) {
            List<Frame> preorder = preorder(root);
            for (int i = preorder.size() - 1; i >= 0; i--) {
                Frame f = preorder.get(i);
                if (f != root && !f.isSelfGap()) {
                    maxAbsDelta = Math.max(maxAbsDelta, Math.abs(f.after - f.before * scale));
                }
            }
        }
        FrameTree tree = new FrameTree(root, differential, scale, normalized, root.shared().frames, maxDepth, maxAbsDelta,
                options.order());
        root.shared().order = switch (options.order()) {
            case NAME -> BY_FOLDED_LINE;
            case WEIGHT -> Comparator.comparingDouble(tree::width).reversed().thenComparing(BY_FOLDED_LINE);
            case INPUT -> null;
        };
        return tree;
    }

    /** Inclusive counts: self counts summed bottom-up, one visit per frame, no recursion. */
    private static void sum(Frame root) {
        Frame[] stack = new Frame[64];
        int[] next = new int[64];
        int top = 0;
        stack[0] = root;
        next[0] = 0;
        root.before = root.selfBefore;
        root.after = root.selfAfter;
        while (top >= 0) {
            Frame f = stack[top];
            int i = next[top];
            if (i < f.childCount()) {
                next[top] = i + 1;
                Frame c = f.childArray()[i];
                c.before = c.selfBefore;
                c.after = c.selfAfter;
                if (++top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                    next = Arrays.copyOf(next, top * 2);
                }
                stack[top] = c;
                next[top] = 0;
            } else {
                Frame p = f.parent();
                if (p != null) {
                    p.before += f.before;
                    p.after += f.after;
                }
                top--;
            }
        }
    }

    /** A class rather than a method reference: no lambda bootstrap on the start-up path of the CLI. */
    private static final Comparator<Frame> BY_FOLDED_LINE = new Comparator<>() {
        @Override
        public int compare(Frame a, Frame b) {
            return byFoldedLine(a, b);
        }
    };

    /**
     * flamegraph.pl's order: it sorts the folded lines as strings, so siblings follow the byte order of
     * "name;" or, for a frame where some stack ends, "name " (space sorts before ';').
     */
    static int byFoldedLine(Frame a, Frame b) {
        Name x = a.name();
        Name y = b.name();
        int n = Math.min(x.length(), y.length());
        for (int i = 0; i < n; i++) {
            int d = x.byteAt(i) - y.byteAt(i);
            if (d != 0) {
                return d;
            }
        }
        int cx = x.length() > n ? x.byteAt(n) : (a.endsStack ? ' ' : ';');
        int cy = y.length() > n ? y.byteAt(n) : (b.endsStack ? ' ' : ';');
        if (cx != cy) {
            return cx - cy;
        }
        return Integer.compare(x.length(), y.length());
    }

    private static List<Frame> preorder(Frame root) {
        List<Frame> out = new ArrayList<>();
        Frame[] stack = new Frame[64];
        int top = 0;
        stack[top++] = root;
        while (top > 0) {
            Frame f = stack[--top];
            out.add(f);
            int c = f.childCount();
            if (top + c > stack.length) {
                stack = Arrays.copyOf(stack, Math.max(top + c, stack.length * 2));
            }
            Frame[] children = f.childArray();  // unordered: any order sums the same
            for (int i = c - 1; i >= 0; i--) {
                stack[top++] = children[i];
            }
        }
        return out;
    }

    /** Some frame's name carries a frame type suffix ({@code _[j]}, {@code _[k]}...): see {@link FrameType}. */
    public boolean typed() {
        return root.shared().typed;
    }

    public Frame root() {
        return root;
    }

    /** True when some input line had two counts. */
    public boolean differential() {
        return differential;
    }

    /** Factor applied to first-column counts before deltas: the ratio of the totals, or 1. */
    public double scale() {
        return scale;
    }

    /** True when {@link #scale()} is not 1 because the totals differed and normalizing was asked for. */
    public boolean normalized() {
        return normalized;
    }

    public SiblingOrder order() {
        return order;
    }

    /** Frames, the root and flame-chart self-time gaps included. */
    public int size() {
        return size;
    }

    /** Depth of the deepest frame (the root is 0). */
    public int maxDepth() {
        return maxDepth;
    }

    /** The quantity widths are proportional to: the count, for a differential the second column (flamegraph.pl's rule). */
    public double width(Frame f) {
        return f.after();
    }

    /** True for a differential frame that has first-column counts and none in the second: it vanished. */
    public boolean vanished(Frame f) {
        return differential && f.after() == 0 && f.before() > 0;
    }

    /** Second column minus the scaled first column (0 unless differential). */
    public double delta(Frame f) {
        return differential ? f.after() - f.before() * scale : 0;
    }

    /** The largest |delta| of any frame but the root: the full intensity of the differential colours. */
    public double maxAbsDelta() {
        return maxAbsDelta;
    }

    /** Sum of the first column (of the only column when not differential). */
    public double totalBefore() {
        return root.before();
    }

    /** Sum of the second column (of the only column when not differential). */
    public double totalAfter() {
        return root.after();
    }
}
