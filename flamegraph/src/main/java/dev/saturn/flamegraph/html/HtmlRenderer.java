package dev.saturn.flamegraph.html;

import dev.saturn.flamegraph.svg.FrameColors;
import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.Frame;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.Name;
import dev.saturn.flamegraph.tree.SiblingOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        private final Map<String, Integer> colorIndex = new HashMap<>();
        private final List<String> colorTable = new ArrayList<>();
        private final FrameColors colors;
        private int[] nameIndex = new int[1024];
        private final List<Name> names = new ArrayList<>();
        private double unit = 1;
        private int decimals;

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
            this.colors = o.frameColors();
        }

        Result write(OutputStream sink) throws IOException {
            chooseUnit();
            VarintText frames = new VarintText();
            int count = encodeFrames(frames);
            VarintText prefixes = new VarintText();
            VarintText nameColors = new VarintText();
            VarintText wakerColors = chain ? new VarintText() : null;
            StringBuilder suffixes = new StringBuilder(names.size() * 16).append('[');
            encodeNames(prefixes, suffixes, nameColors, wakerColors);
            suffixes.append(']');

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

        private long scaled(double v) {
            double s = Math.rint(v * unit);
            if (!(s >= 0 && s <= VarintText.MAX)) {
                throw new IllegalArgumentException("a count of " + v + " is out of range for the HTML page (0 to 2^53)");
            }
            return (long) s;
        }

        /** The frames kept, in pre-order, with each frame's children right-aligned in it (self time first, as in the SVG). */
        private int encodeFrames(VarintText out) {
            Frame[] stack = new Frame[64];
            long[] xs = new long[64];
            long[] cursor = new long[64];
            int n = 0;
            stack[n] = tree.root();
            xs[n++] = 0;
            int prevDepth = -1;
            int count = 0;
            boolean diff = tree.differential();
            while (n > 0) {
                Frame f = stack[--n];
                long x = xs[n];
                int depth = f.depth();
                boolean root = depth == 0;
                long w = root ? scaled(timeMax) : scaled(tree.width(f));
                long self = scaled(selfOf(f));
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
                if (diff) {
                    out.put(scaled(f.before()));
                }
                cursor[depth] = x + w;
                cursor[depth + 1] = x;
                prevDepth = depth;
                count++;

                int c = f.childCount();
                if (n + c > stack.length) {
                    int size = Math.max(n + c, stack.length * 2);
                    stack = Arrays.copyOf(stack, size);
                    xs = Arrays.copyOf(xs, size);
                }
                long end = x + scaled(tree.width(f));
                for (int i = c - 1; i >= 0; i--) {
                    Frame child = f.child(i);
                    long cw = scaled(tree.width(child));
                    end -= cw;
                    if (cw > 0 && !child.isSelfGap() && tree.width(child) >= minTime) {
                        stack[n] = child;
                        xs[n++] = end;
                    }
                }
            }
            return count;
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

        /** 0 for a name not seen before (the next in the table), else its index + 1; the root is always name 0. */
        private long nameRef(Frame f) {
            Name name = f.name();
            if (f.depth() == 0) {
                if (names.isEmpty()) {
                    names.add(name);
                    return 0;
                }
                return 1;
            }
            int id = name.id();
            if (id >= nameIndex.length) {
                nameIndex = Arrays.copyOf(nameIndex, Math.max(id + 1, nameIndex.length * 2));
            }
            int index = nameIndex[id] - 1;
            if (index >= 0) {
                return index + 1;
            }
            names.add(name);
            nameIndex[id] = names.size();
            return 0;
        }

        private void encodeNames(VarintText prefixes, StringBuilder suffixes, VarintText nameColors, VarintText wakerColors) {
            String prev = "";
            for (int i = 0; i < names.size(); i++) {
                Name name = names.get(i);
                String label = name.label();
                int shared = 0;
                int max = Math.min(prev.length(), label.length());
                while (shared < max && prev.charAt(shared) == label.charAt(shared)) {
                    shared++;
                }
                if (shared > 0 && Character.isHighSurrogate(label.charAt(shared - 1))) {
                    shared--;
                }
                prefixes.put(shared);
                if (i > 0) {
                    suffixes.append(',');
                }
                JsonText.string(suffixes, label.substring(shared));
                prev = label;
                nameColors.put(color(name, i == 0, false));
                if (wakerColors != null) {
                    wakerColors.put(color(name, i == 0, true));
                }
            }
        }

        private int color(Name name, boolean root, boolean waker) {
            String c;
            if (name.is("--")) {
                c = "rgb(160,160,160)";
            } else if (name.is("-")) {
                c = "rgb(200,200,200)";
            } else {
                c = root ? colors.of("", "", false) : colors.of(name.raw(), name.text(), waker);
            }
            Integer i = colorIndex.get(c);
            if (i == null) {
                i = colorTable.size();
                colorTable.add(c);
                colorIndex.put(c, i);
            }
            return i;
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
            for (int i = 0; i < colorTable.size(); i++) {
                JsonText.string(i == 0 ? b : b.append(','), colorTable.get(i));
            }
            b.append(']');
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
