package dev.saturn.flamegraph.tree;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a {@link FrameTree}: a function at one position of the call paths. Counts are doubles
 * (flamegraph.pl accepts fractional counts); "before" and "after" are the two columns of a
 * differential profile, and both hold the one count otherwise.
 */
public final class Frame {
    private static final Frame[] NONE = new Frame[0];
    private static final int INDEX_ABOVE = 8;

    private final Name name;
    private final Frame parent;
    private final int depth;
    private final Shared shared;
    private Frame[] children = NONE;
    private int childCount;
    private Map<Name, Frame> index;
    private boolean ordered;

    double selfBefore;
    double selfAfter;
    double before;
    double after;
    boolean endsStack;

    /** What all frames of one tree share: how siblings are ordered (set when the tree is built; null keeps input order), and their number. */
    static final class Shared {
        Comparator<Frame> order;
        int frames = 1;
        /** Some frame's name carries a frame type suffix (_[j], _[k]...). */
        boolean typed;
    }

    Frame(Name name, Frame parent) {
        this.name = name;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        this.shared = parent == null ? new Shared() : parent.shared;
    }

    Shared shared() {
        return shared;
    }

    public Name name() {
        return name;
    }

    /** Null for the root. */
    public Frame parent() {
        return parent;
    }

    /** 0 for the root, 1 for the first frame of each stack. */
    public int depth() {
        return depth;
    }

    /** True for a flame chart's self-time gap ({@link Name#SELF_GAP}): counted in widths, never drawn. */
    public boolean isSelfGap() {
        return name == Name.SELF_GAP;
    }

    public int childCount() {
        return childCount;
    }

    /** In drawing order (left to right) once the tree is built. */
    public Frame child(int i) {
        if (i >= childCount) {
            throw new IndexOutOfBoundsException(i);
        }
        if (!ordered) {
            order();
        }
        return children[i];
    }

    public List<Frame> children() {
        if (!ordered) {
            order();
        }
        return List.of(Arrays.copyOf(children, childCount));
    }

    /**
     * Siblings are ordered on first access after the build, not all at once: a renderer that prunes
     * narrow frames never pays for sorting the children of the frames it does not draw.
     */
    private void order() {
        Comparator<Frame> order = shared.order;
        if (order != null && childCount > 1) {
            Arrays.sort(children, 0, childCount, order);
        }
        index = null;
        ordered = true;
    }

    /** Inclusive count (the second column of a differential profile). */
    public double after() {
        return after;
    }

    /** Inclusive count of the first column of a differential profile; equal to {@link #after()} otherwise. */
    public double before() {
        return before;
    }

    /** Samples of stacks that end here (the frame's self time), second column. */
    public double selfAfter() {
        return selfAfter;
    }

    public double selfBefore() {
        return selfBefore;
    }

    Frame childNamed(Name n) {
        if (index != null) {
            Frame f = index.get(n);
            if (f == null) {
                f = append(n);
                index.put(n, f);
            }
            return f;
        }
        for (int i = 0; i < childCount; i++) {
            if (children[i].name == n) {
                return children[i];
            }
        }
        Frame f = append(n);
        if (childCount > INDEX_ABOVE) {
            index = new HashMap<>(32);
            for (int i = 0; i < childCount; i++) {
                index.put(children[i].name, children[i]);
            }
        }
        return f;
    }

    Frame append(Name n) {
        if (childCount == children.length) {
            // new + arraycopy: C1 (the CLI's JIT) compiles Arrays.copyOf(T[]) to a reflective call
            Frame[] grown = new Frame[Math.max(2, childCount * 2)];
            System.arraycopy(children, 0, grown, 0, childCount);
            children = grown;
        }
        Frame f = new Frame(n, this);
        children[childCount++] = f;
        shared.frames++;
        if (!shared.typed && n.type() != null) {
            shared.typed = true;
        }
        return f;
    }

    /** The gap that takes this frame's self time at its current end (flame charts keep time order). */
    Frame selfGap() {
        if (childCount > 0 && children[childCount - 1].name == Name.SELF_GAP) {
            return children[childCount - 1];
        }
        return append(Name.SELF_GAP);
    }

    Frame[] childArray() {
        return children;
    }

    @Override
    public String toString() {
        return name.text() + " (" + after + ")";
    }
}
