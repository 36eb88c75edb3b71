package dev.saturn.flamegraph.html;

import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.Frame;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameType;
import dev.saturn.flamegraph.tree.Name;
import dev.saturn.flamegraph.tree.SiblingOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a {@link FrameTree} as one self-contained HTML page with a canvas: hover, zoom, regex search,
 * an icicle toggle, a callers view and a table of functions, all in the page's script
 * (src/main/js/flamegraph-html.js, its contract at its top and in docs/flamegraph.md).
 *
 * <p>The tree is written compactly, so that a graph of 100,000 frames is about a megabyte and opens in a
 * fraction of a second: names once each, in order of first use, each as the length it shares with the
 * name before it and the rest; then the frames in pre-order, each as a few {@link VarintText} numbers
 * (how many levels up from the frame before, the name, the count, and only when not implied: the gap
 * before it, its self count, its first-column count). Counts are integers after a decimal scale that
 * makes every count of the tree one (flamegraph.pl accepts fractional counts).
 *
 * <p>Every frame with a count is kept (the canvas shows it when zoomed to), unless {@code --minwidth} in
 * the options is above 0: then frames narrower than it at the initial width are left out, as in the SVG.
 * Colours come from the same palettes as the SVG's, by name; a differential's from the deltas.
 */
public final class HtmlRenderer {
    private static final int MAX_DECIMALS = 6;

    private HtmlRenderer() {
    }

    /** What was written: frames and distinct names kept, and the bytes of the page. */
    public record Result(int frames, int names, long bytes) {
    }

    public static Result render(FrameTree tree, SvgOptions o, OutputStream out) throws IOException {
        return new Page(tree, o).write(out);
    }

    private static final class Page {
        private final FrameTree tree;
        private final SvgOptions o;
        private final double timeMax;
        private final double base;
        private final double minTime;
        private final boolean chain;
        private NameTableWriter names;
        /** Per name (its id + 1: the root's is -1), its index in the table + 1; 0 before it is found. */
        private int[] nameIndex = new int[1024];
        /** Names used so far in this walk (a second walk finds them again, in the same order). */
        private int seen;
        private double unit = 1;
        /** -1 until a fractional count made {@link #chooseUnit} choose them. */
        private int decimals = -1;
        private final boolean flameChart;

        Page(FrameTree tree, SvgOptions o) {
            this.tree = tree;
            this.o = o;
            double widthTotal = tree.width(tree.root());
            boolean useTotal = o.total() > widthTotal;
            this.timeMax = useTotal ? o.total() : widthTotal;
            this.base = useTotal ? o.total() : tree.totalAfter();
            if (!(timeMax > 0)) {
                throw new IllegalArgumentException("nothing to draw: the counts sum to 0");
            }
            double perTime = (o.width() - 2.0 * 10) / timeMax;
            this.minTime = o.minWidthPercent() ? timeMax * o.minWidth() / 100 : o.minWidth() / perTime;
            this.chain = o.palette() == Palette.CHAIN;
            this.flameChart = tree.order() == SiblingOrder.INPUT;
        }

        Result write(OutputStream sink) throws IOException {
            names = new NameTableWriter(tree.size(), o.frameColors(tree), chain, tree.typed());
            VarintText frames = new VarintText();
            int count;
            try {
                try {
                    count = encodeFrames(frames);
                } catch (Fractional e) {
                    // rare: fractional counts; the common case pays for no pass of its own to find the scale.
                    // The names found stay: the second walk finds them in the same order.
                    chooseUnit();
                    frames = new VarintText();
                    count = encodeFrames(frames);
                }
            } finally {
                names.finish();
            }
            VarintText prefixes = names.prefixes;
            VarintText nameColors = names.nameColors;
            VarintText wakerColors = names.wakerColors;
            StringBuilder suffixes = names.suffixes;

            CountingStream out = new CountingStream(sink);
            String title = SvgRenderer.title(tree, o);
            text(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta name=\"generator\" content=\"saturn flamegraph (docs/flamegraph.md)\">\n<title>");
            text(out, html(title));
            text(out, "</title>\n<style>\n");
            text(out, HtmlStyle.TEXT);
            text(out, "</style>\n</head>\n<body>\n");
            if (o.notes() != null && !o.notes().isEmpty()) {
                text(out, "<!-- NOTES: " + commentSafe(o.notes()) + " -->\n");
            }
            text(out, "<noscript>This flame graph is drawn by its script: allow JavaScript for this page.</noscript>\n");
            text(out, "<script type=\"application/json\" id=\"fg-meta\">");
            text(out, meta(title, count));
            text(out, "</script>\n<script type=\"application/json\" id=\"fg-names\">");
            text(out, suffixes);
            text(out, "</script>\n<script type=\"text/plain\" id=\"fg-prefixes\">");
            prefixes.writeTo(out);
            text(out, "</script>\n<script type=\"text/plain\" id=\"fg-colors\">");
            nameColors.writeTo(out);
            if (wakerColors != null) {
                text(out, "</script>\n<script type=\"text/plain\" id=\"fg-waker-colors\">");
                wakerColors.writeTo(out);
            }
            if (names.types != null) {
                text(out, "</script>\n<script type=\"text/plain\" id=\"fg-types\">");
                names.types.writeTo(out);
            }
            text(out, "</script>\n<script type=\"text/plain\" id=\"fg-frames\">");
            frames.writeTo(out);
            text(out, "</script>\n<script>\n");
            text(out, HtmlScript.TEXT);
            text(out, "</script>\n</body>\n</html>\n");
            out.flush();
            return new Result(count, names.size(), out.count);
        }

        /** The smallest power of ten that makes every count an integer (at most 10^6, then rounded). */
        private void chooseUnit() {
            Frame[] stack = new Frame[64];
            int n = 0;
            stack[n++] = tree.root();
            boolean diff = tree.differential();
            decimals = decimalsOf(timeMax, 0);
            while (n > 0 && decimals < MAX_DECIMALS) {
                Frame f = stack[--n];
                decimals = decimalsOf(f.after(), decimals);
                decimals = decimalsOf(f.selfAfter(), decimals);
                if (diff) {
                    decimals = decimalsOf(f.before(), decimals);
                }
                int c = f.childCount();
                if (n + c > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(n + c, stack.length * 2));
                }
                for (int i = 0; i < c; i++) {
                    stack[n++] = f.child(i);
                }
            }
            unit = Math.pow(10, decimals);
        }

        private static int decimalsOf(double v, int from) {
            int d = from;
            double scaled = v * Math.pow(10, d);
            while (d < MAX_DECIMALS && Math.abs(scaled - Math.rint(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled))) {
                d++;
                scaled = v * Math.pow(10, d);
            }
            return d;
        }

        /** The count in units of 1/{@link #unit}: {@link Fractional} when it is not a whole number of them, until {@link #chooseUnit}. */
        private long scaled(double v) {
            double x = v * unit;
            long s = (long) x;
            if (s != x) {
                if (decimals < 0) {
                    throw Fractional.INSTANCE;
                }
                s = (long) Math.rint(x);
            }
            if (s < 0 || s > VarintText.MAX) {
                throw new IllegalArgumentException("a count of " + v + " is out of range for the HTML page (0 to 2^53)");
            }
            return s;
        }

        // The walk of encodeFrames: frames to visit (a stack, with their x), the end of the last frame
        // written at each depth, the depth of the frame written before.
        private Frame[] stack;
        private long[] xs;
        private int top;
        private long[] cursor;
        private int prevDepth;

        /** The frames kept, in pre-order, with each frame's children right-aligned in it (self time first, as in the SVG). */
        private int encodeFrames(VarintText out) {
            stack = new Frame[64];
            xs = new long[64];
            cursor = new long[64];
            top = 0;
            seen = 0;
            stack[top] = tree.root();
            xs[top++] = 0;
            prevDepth = -1;
            int count = 0;
            while (top > 0) {
                top--;
                encode(stack[top], xs[top], out);
                count++;
            }
            return count;
        }

        /**
         * One frame, and its children kept pushed for the walk. A method of its own, not the loop's body:
         * the CLI's JIT (C1) compiles a method after a few hundred calls, but a loop only after tens of
         * thousands of turns, so a body inlined in the loop ran interpreted for most of a graph.
         */
        private void encode(Frame f, long x, VarintText out) {
            int depth = f.depth();
            boolean root = depth == 0;
            long w = root ? scaled(timeMax) : scaled(tree.width(f));
            long self = scaled(flameChart ? selfOf(f) : f.selfAfter());
            if (depth + 2 > cursor.length) {
                cursor = Arrays.copyOf(cursor, cursor.length * 2);
            }
            long skip = root ? 0 : x - cursor[depth];
            int selfKind = self == 0 ? 0 : self == w ? 1 : 2;
            out.put((long) (prevDepth + 1 - depth) << 3 | (skip != 0 ? 4 : 0) | selfKind);
            out.put(nameRef(f));
            out.put(w);
            if (skip != 0) {
                out.put(skip);
            }
            if (selfKind == 2) {
                out.put(self);
            }
            if (tree.differential()) {
                out.put(scaled(f.before()));
            }
            cursor[depth] = x + w;
            cursor[depth + 1] = x;
            prevDepth = depth;
            pushChildren(f, root ? x + scaled(tree.width(f)) : x + w);
        }

        /** The children to keep, right to left, so that the leftmost is written next; {@code end}: where the last one ends. */
        private void pushChildren(Frame f, long end) {
            int c = f.childCount();
            if (top + c > stack.length) {
                int size = Math.max(top + c, stack.length * 2);
                stack = Arrays.copyOf(stack, size);
                xs = Arrays.copyOf(xs, size);
            }
            for (int i = c - 1; i >= 0; i--) {
                Frame child = f.child(i);
                double width = tree.width(child);
                long cw = scaled(width);
                end -= cw;
                if (cw > 0 && width >= minTime && !child.isSelfGap()) {
                    stack[top] = child;
                    xs[top++] = end;
                }
            }
        }

        /** Self count, a flame chart's self-time gaps included. */
        private static double selfOf(Frame f) {
            double self = f.selfAfter();
            for (int i = 0; i < f.childCount(); i++) {
                Frame c = f.child(i);
                if (c.isSelfGap()) {
                    self += c.selfAfter();
                }
            }
            return self;
        }

        /** 0 for a name not used before in this walk (the next in the table), else its index + 1; the root's is always 0. */
        private long nameRef(Frame f) {
            Name name = f.name();
            int slot = name.id() + 1;
            if (slot >= nameIndex.length) {
                nameIndex = Arrays.copyOf(nameIndex, Math.max(slot + 1, nameIndex.length * 2));
            }
            int index = nameIndex[slot] - 1;
            if (index >= 0 && index < seen) {
                return index + 1;
            }
            if (index < 0) {
                names.add(name);
                nameIndex[slot] = names.size();
            }
            seen++;
            return 0;
        }

        private String meta(String title, int frames) {
            StringBuilder b = new StringBuilder(1024).append('{');
            key(b, "title");
            JsonText.string(b, title);
            String subtitle = SvgRenderer.subtitle(tree, o);
            if (subtitle != null) {
                key(b, "subtitle");
                JsonText.string(b, subtitle);
            }
            key(b, "countName");
            JsonText.string(b, o.countName());
            key(b, "nameType");
            JsonText.string(b, o.nameType());
            key(b, "factor");
            JsonText.number(b, o.factor());
            key(b, "total");
            JsonText.number(b, base);
            key(b, "unit");
            JsonText.number(b, unit);
            key(b, "frames");
            b.append(frames);
            key(b, "names");
            b.append(names.size());
            key(b, "inverted");
            b.append(o.inverted());
            key(b, "flameChart");
            b.append(tree.order() == SiblingOrder.INPUT);
            key(b, "frameHeight");
            b.append(o.frameHeight());
            key(b, "fontFamily");
            JsonText.string(b, o.fontFamily());
            key(b, "fontSize");
            JsonText.number(b, o.fontSize());
            key(b, "fontWidth");
            JsonText.number(b, o.fontWidth());
            String[] bg = o.background();
            key(b, "background");
            JsonText.string(b.append('['), bg[0]).append(',');
            JsonText.string(b, bg[1]).append(']');
            key(b, "colors");
            b.append('[');
            List<String> colorTable = names.colorTable();
            for (int i = 0; i < colorTable.size(); i++) {
                JsonText.string(i == 0 ? b : b.append(','), colorTable.get(i));
            }
            b.append(']');
            if (tree.typed()) {
                key(b, "types");
                b.append('[');
                for (FrameType t : FrameType.values()) {
                    JsonText.string(t.ordinal() == 0 ? b : b.append(','), t.description());
                }
                b.append(']');
            }
            key(b, "chain");
            b.append(chain);
            key(b, "differential");
            b.append(tree.differential());
            if (tree.differential()) {
                key(b, "diffScale");
                JsonText.number(b, tree.scale());
                key(b, "maxAbsDelta");
                JsonText.number(b, tree.maxAbsDelta() * unit);
                key(b, "negate");
                b.append(o.negate());
            }
            return b.append('}').toString();
        }

        private static void key(StringBuilder b, String key) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(key).append("\":");
        }
    }

    /** Thrown by the first encoding when a count is not a whole number: unwinds it; no stack trace to fill. */
    private static final class Fractional extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Fractional INSTANCE = new Fractional();

        private Fractional() {
            super(null, null, false, false);
        }
    }

    private static void text(OutputStream out, CharSequence s) throws IOException {
        out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return Name.visible(b.toString());
    }

    private static String commentSafe(String notes) {
        String s = html(notes);
        while (s.contains("--")) {
            s = s.replace("--", "- -");
        }
        return s.endsWith("-") ? s + " " : s;
    }

    /** Counts the bytes written, buffered. */
    private static final class CountingStream extends java.io.BufferedOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out, 1 << 16);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            count += len;
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            count++;
            super.write(b);
        }
    }
}
