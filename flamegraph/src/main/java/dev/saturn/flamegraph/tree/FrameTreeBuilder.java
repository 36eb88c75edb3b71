package dev.saturn.flamegraph.tree;

import dev.saturn.flamegraph.folded.FoldedLineSink;
import dev.saturn.flamegraph.folded.StackSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a {@link FrameTree} from stacks as they stream in; memory grows with the distinct call
 * paths (the unique stacks), not with the input. Stacks are {@code frame;frame;leaf} byte ranges,
 * root first; as in flamegraph.pl an empty trailing frame ({@code a;b;}) is dropped, other empty
 * frames are kept.
 *
 * <p>Sorted folded input repeats long prefixes from line to line, so the frames a stack shares with
 * the previous one (by bytes, then by name) are taken from the previous stack rather than looked up.
 * That is also exactly the merge rule of a flame chart.
 */
public final class FrameTreeBuilder implements FoldedLineSink, StackSink {
    private final TreeOptions options;
    private final StackFilter.Bound filter;
    private final boolean chart;
    private final NameTable names = new NameTable();
    private final Frame root = new Frame(Name.ROOT, null);

    // The previous input stack: its bytes, the end offset of each of its frames, and their names.
    private byte[] prev = new byte[1024];
    private int prevLen;
    private int prevFrames;
    private int[] ends = new int[64];
    private Name[] lineNames = new Name[64];

    // The previous stack added to the tree (after the filter) and the frames along it.
    private Name[] work = new Name[64];
    private Name[] pathNames = new Name[64];
    private Frame[] path = new Frame[64];
    private int pathLen;

    private boolean differential;
    // True while every count so far is a whole number and the totals stay below 2^53: then the
    // inclusive counts are summed here, along the path of each stack, exact in any order.
    private boolean inclusive = true;
    private long stacks;
    private int maxDepth;

    public FrameTreeBuilder(TreeOptions options) {
        this.options = options;
        this.filter = options.filter().isIdentity() ? null : options.filter().bind();
        this.chart = options.order() == SiblingOrder.INPUT;
    }

    /** With the bytes the line shares with the previous one: the stacks need not be compared again. */
    @Override
    public void accept(byte[] buf, int from, int to, double first, double second, int shared) {
        add(buf, from, to, first, second, shared);
    }

    /**
     * Adds the stack {@code buf[from, to)} with its count; {@code second} is the second column of a
     * differential line, or NaN when the line has one count.
     */
    public void add(byte[] buf, int from, int to, double first, double second) {
        add(buf, from, to, first, second, -1);
    }

    /**
     * {@code shared}: how many bytes the raw line of this stack has in common with the raw line of
     * the previous stack added (-1: unknown, compare the stacks).
     */
    private void add(byte[] buf, int from, int to, double first, double second, int shared) {
        int n = split(buf, from, to, shared);
        while (n > 0 && lineNames[n - 1].isEmpty()) {
            n--;
        }
        Name[] frames = lineNames;
        if (filter != null) {
            if (work.length < n) {
                work = new Name[lineNames.length];
            }
            System.arraycopy(lineNames, 0, work, 0, n);
            frames = work;
            n = filter.apply(frames, n);
            if (n < 0) {
                return;
            }
        }
        Frame leaf = insert(frames, n);
        if (chart) {
            leaf = leaf.selfGap();
        }
        leaf.endsStack = true;
        double before = first;
        double after = first;
        if (!Double.isNaN(second)) {
            differential = true;
            after = second;
        }
        leaf.selfBefore += before;
        leaf.selfAfter += after;
        if (inclusive) {
            addInclusive(leaf, n, before, after);
        }
        maxDepth = Math.max(maxDepth, n);
        stacks++;
    }

    /** Adds a stack given as a String of ISO-8859-1 chars (one per byte), as the stack parsers emit them. */
    public void add(String stack, double count) {
        byte[] b = stack.getBytes(StandardCharsets.ISO_8859_1);
        add(b, 0, b.length, count, Double.NaN);
    }

    /** A stack as the stack parsers (perf, jstack, JFR) hand it over. */
    @Override
    public void accept(String stack, long weight) {
        add(stack, (double) weight);
    }

    @Override
    public void accept(String stack, double weight) {
        add(stack, weight);
    }

    /** Stacks added so far (after the filter dropped some). */
    public long stacks() {
        return stacks;
    }

    /** A new builder with this one's options, for another part of the same input ({@link #merge}). */
    public FrameTreeBuilder fork() {
        return new FrameTreeBuilder(options);
    }

    /** Whether {@link #merge} can take a later part of the input: not in a flame chart, whose order is the input's. */
    public boolean mergeable() {
        return !chart;
    }

    /**
     * Adds what {@code later} read, the part of the input after this one's, as if this builder had read it too: the
     * same tree, and the names numbered in the order they first appeared (the HTML page's name table).
     */
    public void merge(FrameTreeBuilder later) {
        if (chart || later.chart) {
            throw new IllegalStateException("a flame chart keeps the input's order: read it in one part");
        }
        Name[] theirs = later.names.inOrder();
        Name[] ours = new Name[theirs.length];
        for (int i = 0; i < theirs.length; i++) {
            ours[i] = names.intern(theirs[i]);
        }
        inclusive = inclusive && later.inclusive && root.before + later.root.before < EXACT && root.after + later.root.after < EXACT;
        root.selfBefore += later.root.selfBefore;
        root.selfAfter += later.root.selfAfter;
        root.before += later.root.before;
        root.after += later.root.after;
        root.endsStack |= later.root.endsStack;
        Frame[] from = new Frame[64];
        Frame[] to = new Frame[64];
        int n = 0;
        from[n] = later.root;
        to[n++] = root;
        while (n > 0) {
            Frame f = from[--n];
            Frame t = to[n];
            int c = f.childCount();
            if (n + c > from.length) {
                from = Arrays.copyOf(from, Math.max(n + c, from.length * 2));
                to = Arrays.copyOf(to, from.length);
            }
            Frame[] children = f.childArray();
            for (int i = 0; i < c; i++) {
                Frame child = children[i];
                Frame mine = t.childNamed(ours[child.name().id()]);
                mine.selfBefore += child.selfBefore;
                mine.selfAfter += child.selfAfter;
                mine.before += child.before;
                mine.after += child.after;
                mine.endsStack |= child.endsStack;
                from[n] = child;
                to[n++] = mine;
            }
        }
        differential |= later.differential;
        stacks += later.stacks;
        maxDepth = Math.max(maxDepth, later.maxDepth);
        // the next stack added compares with nothing: this builder's previous line is not the input's
        prevLen = 0;
        prevFrames = 0;
        pathLen = 0;
    }

    public FrameTree build() {
        return FrameTree.seal(root, differential, maxDepth, options, inclusive);
    }

    /**
     * Adds the counts of one stack to the inclusive counts of its frames, so that sealing the tree
     * needs no walk of it (a walk over every frame that runs mostly interpreted in a short-lived
     * CLI, ~6 ms for 80,000 frames). Whole counts only: their sums are exact, the same as the
     * bottom-up sums of the walk; one fractional count leaves the sums to the walk, as before.
     */
    private void addInclusive(Frame leaf, int n, double before, double after) {
        if (before != Math.rint(before) || after != Math.rint(after) || !(before >= 0) || !(after >= 0)
                || root.before + before >= EXACT || root.after + after >= EXACT) {
            inclusive = false;
            return;
        }
        root.before += before;
        root.after += after;
        Frame[] p = path;
        for (int i = 0; i < n; i++) {
            Frame f = p[i];
            f.before += before;
            f.after += after;
        }
        if (leaf != (n == 0 ? root : p[n - 1])) {
            leaf.before += before;
            leaf.after += after;
        }
    }

    private static final double EXACT = 0x1p53;

    /** Splits into {@link #lineNames}, reusing the frames it shares with the previous line; returns the count. */
    private int split(byte[] buf, int from, int to, int sharedLine) {
        int len = to - from;
        int m;
        if (sharedLine < 0) {
            m = Arrays.mismatch(prev, 0, prevLen, buf, from, to);
        } else if (sharedLine < Math.min(prevLen, len)) {
            m = sharedLine;
        } else {
            m = prevLen == len ? -1 : Math.min(prevLen, len);
        }
        int shared;
        if (m < 0) {
            shared = prevFrames;
        } else {
            shared = 0;
            while (shared < prevFrames && ends[shared] < m) {
                shared++;
            }
            if (shared < prevFrames && m == prevLen && ends[shared] == prevLen && buf[from + m] == ';') {
                shared++;
            }
        }
        int n = shared;
        if (m >= 0 && len > 0) {
            int start = shared == 0 ? 0 : ends[shared - 1] + 1;
            int h = 0;
            for (int i = start; ; i++) {
                byte b = i == len ? (byte) ';' : buf[from + i];
                if (b != ';') {
                    h = 31 * h + b;
                    continue;
                }
                if (n == lineNames.length) {
                    lineNames = grow(lineNames, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                lineNames[n] = names.intern(buf, from + start, from + i, h);
                ends[n++] = i;
                if (i == len) {
                    break;
                }
                start = i + 1;
                h = 0;
            }
        }
        if (len == 0) {
            n = 0;
        }
        if (m >= 0) {
            if (prev.length < len) {
                prev = Arrays.copyOf(prev, Math.max(len, prev.length * 2));
            }
            System.arraycopy(buf, from + m, prev, m, len - m);
        }
        prevLen = len;
        prevFrames = n;
        return n;
    }

    private static Name[] grow(Name[] a, int size) {
        Name[] g = new Name[size];
        System.arraycopy(a, 0, g, 0, a.length);
        return g;
    }

    private Frame insert(Name[] frames, int n) {
        int k = 0;
        int max = Math.min(n, pathLen);
        while (k < max && frames[k] == pathNames[k]) {
            k++;
        }
        if (path.length < n) {
            int size = Math.max(n, path.length * 2);
            Frame[] p = new Frame[size];
            System.arraycopy(path, 0, p, 0, pathLen);
            path = p;
            pathNames = grow(pathNames, size);
        }
        Frame node = k == 0 ? root : path[k - 1];
        for (int i = k; i < n; i++) {
            node = chart ? node.append(frames[i]) : node.childNamed(frames[i]);
            path[i] = node;
            pathNames[i] = frames[i];
        }
        pathLen = n;
        return node;
    }
}
