package dev.saturn.flamegraph.svg;

import dev.saturn.flamegraph.tree.Frame;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameType;
import dev.saturn.flamegraph.tree.Name;
import dev.saturn.flamegraph.tree.SiblingOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link FrameTree} as an interactive SVG with flamegraph.pl's geometry: frames in rows of
 * {@code --height} pixels, x proportional to counts, narrow frames pruned, labels truncated to the
 * estimated text width. Labels are truncated here, once, so that opening a large graph costs the
 * browser no script work; the embedded script only acts on clicks, keys and the URL.
 *
 * <p>Frames are written in depth-first pre-order, so that a frame's subtree follows it in the
 * document: the script zooms and counts matches over contiguous ranges. The DOM it relies on is
 * documented in docs/flamegraph.md and at the top of the script ({@link FlamegraphScript}). Same tree and options, same bytes
 * ({@code --random} colours excepted).
 */
public final class SvgRenderer {
    static final int XPAD = 10;
    static final int FRAMEPAD = 1;
    static final String SEARCH_COLOR = "rgb(230,0,230)";
    static final String VANISHED_COLOR = "rgb(0,0,255)";
    private static final int SHOWN_VANISHED = 3;

    private SvgRenderer() {
    }

    /** What was drawn: frames after pruning, the deepest row, the image height in pixels. */
    public record Result(int frames, int maxDepth, double height) {
    }

    public static Result render(FrameTree tree, SvgOptions o, OutputStream out) throws IOException {
        return new Drawing(tree, o).write(new XmlOut(out, o.encoding));
    }

    private static final class Drawing {
        private final FrameTree tree;
        private final SvgOptions o;
        private final boolean diff;
        private final double timeMax;
        private final double base;
        private final double perTime;
        private final double minTime;
        private final FrameColors colors;
        private final boolean chain;
        private double ypad1;
        private double ypad2;
        private double top;
        private double height;
        private int maxDepth;

        Drawing(FrameTree tree, SvgOptions o) {
            this.tree = tree;
            this.o = o;
            this.diff = tree.differential();
            double widthTotal = tree.width(tree.root());
            boolean useTotal = o.total > widthTotal;
            this.timeMax = useTotal ? o.total : widthTotal;
            this.base = useTotal ? o.total : tree.totalAfter();
            if (!(timeMax > 0)) {
                throw new IllegalArgumentException("nothing to draw: the counts sum to 0");
            }
            this.perTime = (o.width - 2.0 * XPAD) / timeMax;
            this.minTime = o.minWidthPercent ? timeMax * o.minWidth / 100 : o.minWidth / perTime;
            this.colors = o.frameColors(tree);
            this.chain = o.palette == Palette.CHAIN;
        }

        Result write(XmlOut x) throws IOException {
            int frames = measure();
            String subtitle = SvgRenderer.subtitle(tree, o);
            ypad1 = o.fontSize * 3;
            ypad2 = o.fontSize * 2 + 10;
            double ypad3 = subtitle == null ? 0 : o.fontSize * 2;
            top = ypad1 + ypad3;
            height = (maxDepth + 1) * o.frameHeight + ypad1 + ypad2 + ypad3;
            header(x, subtitle);
            frames(x);
            x.raw("<script type=\"text/ecmascript\"><![CDATA[\n").raw(FlamegraphScript.TEXT).raw("]]></script>\n</svg>\n");
            x.finish();
            return new Result(frames, maxDepth, height);
        }

        private boolean drawn(Frame f) {
            return f.depth() == 0 || tree.width(f) >= minTime;
        }

        /** The frames left after pruning and the deepest of them. */
        private int measure() {
            int count = 0;
            Frame[] stack = new Frame[64];
            int n = 0;
            stack[n++] = tree.root();
            while (n > 0) {
                Frame f = stack[--n];
                count++;
                maxDepth = Math.max(maxDepth, f.depth());
                int c = f.childCount();
                if (n + c > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(n + c, stack.length * 2));
                }
                for (int i = 0; i < c; i++) {
                    Frame child = f.child(i);
                    if (!child.isSelfGap() && drawn(child)) {
                        stack[n++] = child;
                    }
                }
            }
            return count;
        }

        private void header(XmlOut x, String subtitle) throws IOException {
            int w = o.width;
            x.raw("<?xml version=\"1.0\" encoding=\"").text(o.encoding.name()).raw("\" standalone=\"no\"?>\n");
            x.raw("<svg version=\"1.1\" width=\"").raw(w).raw("\" height=\"").trimmed(height).raw("\" viewBox=\"0 0 ").raw(w)
                    .raw(' ').trimmed(height).raw("\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n");
            x.raw("<!-- Flame graph drawn by saturn flamegraph (docs/flamegraph.md): click a frame to zoom, Ctrl-F to search. -->\n");
            if (o.notes != null && !o.notes.isEmpty()) {
                x.raw("<!-- NOTES: ").raw(commentSafe(o.notes)).raw(" -->\n");
            }
            x.raw("<defs>\n<linearGradient id=\"background\" y1=\"0\" y2=\"1\" x1=\"0\" x2=\"0\">\n<stop stop-color=\"")
                    .text(o.background[0]).raw("\" offset=\"5%\"/>\n<stop stop-color=\"").text(o.background[1])
                    .raw("\" offset=\"95%\"/>\n</linearGradient>\n</defs>\n");
            x.raw("<style type=\"text/css\">\n").lines(css()).raw("</style>\n");
            x.raw("<rect x=\"0\" y=\"0\" width=\"").raw(w).raw("\" height=\"").trimmed(height).raw("\" fill=\"url(#background)\"/>\n");
            label(x, "title", w / 2, o.fontSize * 2, SvgRenderer.title(tree, o), null);
            if (subtitle != null) {
                label(x, "subtitle", w / 2, o.fontSize * 4, subtitle, null);
            }
            label(x, "details", XPAD, height - ypad2 / 2, " ", null);
            label(x, "reset", XPAD, o.fontSize * 2, "Reset Zoom", "hide");
            label(x, "search", w - XPAD - 100, o.fontSize * 2, "Search", null);
            label(x, "ignorecase", w - XPAD - 16, o.fontSize * 2, "ic", null);
            label(x, "matched", w - XPAD - 100, height - ypad2 / 2, " ", "hide");
            x.raw("<g id=\"frames\" data-width=\"").raw(w).raw("\" data-xpad=\"").raw(XPAD).raw("\" data-fontsize=\"").trimmed(o.fontSize)
                    .raw("\" data-fontwidth=\"").text(fontWidth(o.fontWidth)).raw("\" data-frameheight=\"").raw(o.frameHeight)
                    .raw("\" data-inverted=\"").raw(o.inverted ? 1 : 0).raw("\" data-nametype=\"").text(o.nameType)
                    .raw("\" data-countname=\"").text(o.countName).raw("\">\n");
        }

        private static void label(XmlOut x, String id, double left, double y, String text, String cls) {
            x.raw("<text id=\"").raw(id).raw('"');
            if (cls != null) {
                x.raw(" class=\"").raw(cls).raw('"');
            }
            x.raw(" x=\"").trimmed(left).raw("\" y=\"").trimmed(y).raw("\">").text(text).raw("</text>\n");
        }

        private String css() {
            StringBuilder c = new StringBuilder(1024);
            c.append("text { font-family: ").append(fontFamily(o.fontType)).append("; font-size: ").append(plain(o.fontSize))
                    .append("px; fill: rgb(0,0,0); }\n#title { text-anchor: middle; font-size: ").append(plain(o.fontSize + 5))
                    .append("px; }\n")
                    .append("#subtitle { text-anchor: middle; }\n")
                    .append("#search, #ignorecase { opacity: 0.1; cursor: pointer; }\n")
                    .append("#search:hover, #search.show, #ignorecase:hover, #ignorecase.show { opacity: 1; }\n")
                    .append("#reset { cursor: pointer; }\n")
                    .append("#frames > g { cursor: pointer; }\n")
                    .append("#frames rect { rx: 2px; ry: 2px; }\n")
                    .append("#frames > g.vanished > rect, #frames > g.vanished > a > rect { stroke: ").append(VANISHED_COLOR)
                    .append("; stroke-width: 1; stroke-dasharray: 3 2; }\n")
                    .append("#frames > g:hover > rect, #frames > g:hover > a > rect { stroke: black; stroke-width: 0.5; }\n")
                    .append(".hide { display: none; }\n")
                    .append("#frames.zoomed > g { display: none; }\n")
                    .append("#frames.zoomed > g.zoom, #frames.zoomed > g.parent { display: inline; }\n")
                    .append("#frames > g.parent { opacity: 0.5; }\n")
                    .append("#frames > g.match > rect, #frames > g.match > a > rect { fill: ").append(SEARCH_COLOR).append("; }\n");
            return c.toString();
        }

        private void frames(XmlOut x) throws IOException {
            Frame[] frames = new Frame[64];
            double[] starts = new double[64];
            boolean[] wakers = new boolean[64];
            int n = 0;
            frames[n] = tree.root();
            starts[n++] = 0;
            while (n > 0) {
                Frame f = frames[--n];
                double start = starts[n];
                boolean waker = wakers[n];
                frame(x, f, start, f.depth() == 0 ? timeMax : tree.width(f), waker);
                x.maybeFlush();
                int c = f.childCount();
                if (n + c > frames.length) {
                    int size = Math.max(n + c, frames.length * 2);
                    frames = Arrays.copyOf(frames, size);
                    starts = Arrays.copyOf(starts, size);
                    wakers = Arrays.copyOf(wakers, size);
                }
                boolean childWaker = waker || (chain && f.name().is("--"));
                double sum = 0;
                for (int i = 0; i < c; i++) {
                    sum += tree.width(f.child(i));
                }
                // Self time first, as in flamegraph.pl: a stack that ends here sorts before its callees.
                double end = start + tree.width(f);
                for (int i = c - 1; i >= 0; i--) {
                    Frame child = f.child(i);
                    double w = tree.width(child);
                    end -= w;
                    if (w >= minTime && !child.isSelfGap()) {
                        frames[n] = child;
                        starts[n] = end;
                        wakers[n++] = childWaker;
                    }
                }
            }
            x.raw("</g>\n");
        }

        private void frame(XmlOut x, Frame f, double start, double width, boolean waker) {
            boolean root = f.depth() == 0;
            Name name = f.name();
            double x1 = XPAD + start * perTime;
            double x2 = XPAD + (start + width) * perTime;
            double y1;
            double y2;
            if (o.inverted) {
                y1 = top + f.depth() * o.frameHeight;
                y2 = y1 + o.frameHeight - FRAMEPAD;
            } else {
                y2 = height - ypad2 - f.depth() * o.frameHeight;
                y1 = y2 - o.frameHeight + FRAMEPAD;
            }
            double count = root ? (o.total > tree.width(f) ? o.total : tree.totalAfter()) : f.after();
            Map<String, String> attrs = root || o.nameAttributes.isEmpty() ? Map.of() : o.nameAttributes.of(name.raw());
            List<Frame> gone = diff ? vanishedCallees(f) : List.of();
            x.raw(gone.isEmpty() ? "<g class=\"frame" : "<g class=\"frame vanished");
            String href = null;
            if (!attrs.isEmpty()) {
                String cls = attrs.get("class");
                if (cls != null) {
                    x.raw(' ').text(Name.textOf(cls));
                }
                x.raw('"');
                for (Map.Entry<String, String> a : attrs.entrySet()) {
                    if (passThrough(a.getKey())) {
                        x.raw(' ').raw(a.getKey()).raw("=\"").text(Name.textOf(a.getValue())).raw('"');
                    }
                }
                href = safeLink(attrs.get("href"));
            } else {
                x.raw('"');
            }
            if (attrs.containsKey("title")) {
                x.raw(" data-name=\"").text(name.label()).raw("\" data-samples=\"").text(plain(count)).raw("\"><title>")
                        .text(Name.textOf(attrs.get("title")));
            } else {
                FrameType type = name.type();
                if (type != null) {
                    x.raw(" data-name=\"").text(name.label()).raw("\" data-type=\"").text(type.description()).raw('"');
                }
                x.raw("><title>");
                title(x, f, root, count, gone);
            }
            x.raw("</title>");
            if (href != null) {
                String target = attrs.getOrDefault("target", "_top");
                x.raw("<a xlink:href=\"").text(Name.textOf(href)).raw("\" target=\"").text(Name.textOf(target)).raw("\">");
            }
            double rx1 = Math.round(x1 * 10) / 10.0;
            double rx2 = Math.round(x2 * 10) / 10.0;
            x.raw("<rect x=\"").fixed(rx1, 1).raw("\" y=\"").trimmed(y1).raw("\" width=\"").fixed(rx2 - rx1, 1)
                    .raw("\" height=\"").fixed(y2 - y1, 1).raw("\" fill=\"").raw(fill(f, waker)).raw("\"/>");
            String label = name.label();
            int chars = (int) ((x2 - x1) / (o.fontSize * o.fontWidth));
            int cut = cut(label, chars);
            if (cut != 0) {
                x.raw("<text x=\"").fixed(x1 + 3, 2).raw("\" y=\"").trimmed(3 + (y1 + y2) / 2).raw("\">");
                if (cut > 0) {
                    x.text(label, 0, cut).raw("..");
                } else {
                    x.text(label);
                }
                x.raw("</text>");
            }
            if (href != null) {
                x.raw("</a>");
            }
            x.raw("</g>\n");
        }

        /**
         * "name (N samples, P%)", or "name (N samples, P%; +D%)" in a differential, then, when callees
         * vanished, "; vanished: c (N samples before), ..." (the heaviest three and how many more).
         */
        private void title(XmlOut x, Frame f, boolean root, double count, List<Frame> gone) {
            x.text(f.name().label());
            FrameType type = f.name().type();
            if (type != null) {
                x.raw(" (").text(type.description()).raw(')');
            }
            x.raw(" (").count(count * o.factor).raw(' ').text(o.countName).raw(", ");
            if (root) {
                x.raw("100%");
            } else {
                x.fixed(100 * count / base, 2).raw('%');
                delta(x, f);
            }
            for (int i = 0; i < Math.min(gone.size(), SHOWN_VANISHED); i++) {
                Frame v = gone.get(i);
                x.raw(i == 0 ? "; vanished: " : ", ").text(v.name().label()).raw(" (").count(v.before() * o.factor).raw(' ')
                        .text(o.countName).raw(" before)");
            }
            if (gone.size() > SHOWN_VANISHED) {
                x.raw(" and ").raw(gone.size() - SHOWN_VANISHED).raw(" more");
            }
            x.raw(')');
        }

        /**
         * Callees with counts only in the first column: they have no width, as in flamegraph.pl, so
         * the frame they left is marked and its tooltip names them, heaviest first.
         */
        private List<Frame> vanishedCallees(Frame f) {
            List<Frame> gone = null;
            for (int i = 0; i < f.childCount(); i++) {
                Frame c = f.child(i);
                if (tree.vanished(c) && !c.isSelfGap()) {
                    if (gone == null) {
                        gone = new ArrayList<>();
                    }
                    gone.add(c);
                }
            }
            if (gone == null) {
                return List.of();
            }
            gone.sort(Comparator.comparingDouble(Frame::before).reversed());
            return gone;
        }

        private void delta(XmlOut x, Frame f) {
            if (diff) {
                double d = o.negate ? -tree.delta(f) : tree.delta(f);
                x.raw("; ");
                if (d > 0) {
                    x.raw('+');
                }
                x.fixed(100 * d / base, 2).raw('%');
            }
        }

        /**
         * --nameattr keys that become attributes of the frame's g: XML names, but not those the
         * renderer writes itself, and no event handlers (a shared file must not run script).
         */
        private static boolean passThrough(String key) {
            return switch (key) {
                case "class", "title", "href", "target", "data-name", "data-samples" -> false;
                default -> key.matches("[A-Za-z_][-A-Za-z0-9_.]*") && !key.regionMatches(true, 0, "on", 0, 2);
            };
        }

        private static String safeLink(String href) {
            if (href == null) {
                return null;
            }
            String scheme = href.strip().toLowerCase(java.util.Locale.ROOT);
            return scheme.startsWith("javascript:") || scheme.startsWith("data:") || scheme.startsWith("vbscript:") ? null : href;
        }

        private String fill(Frame f, boolean waker) {
            Name name = f.name();
            if (name.is("--")) {
                return "rgb(160,160,160)";
            }
            if (name.is("-")) {
                return "rgb(200,200,200)";
            }
            if (diff) {
                return deltaColor(o.negate ? -tree.delta(f) : tree.delta(f), tree.maxAbsDelta());
            }
            return f.depth() == 0 ? colors.of("", "", false) : colors.of(name.raw(), name.text(), waker);
        }

        /** White for no change, towards red for growth and blue for shrinkage, full at {@code max}. */
        static String deltaColor(double value, double max) {
            int r = 255;
            int g = 255;
            int b = 255;
            if (max > 0) {
                double v = Math.max(-max, Math.min(max, value));
                if (v > 0) {
                    g = b = (int) (210 * (max - v) / max);
                } else if (v < 0) {
                    r = g = (int) (210 * (max + v) / max);
                }
            }
            return Palette.rgb(r, g, b);
        }

    }

    /** The title as drawn: --title, else "Flame Graph", "Icicle Graph" when inverted, "Flame Chart" for a flame chart. */
    public static String title(FrameTree tree, SvgOptions o) {
        if (o.title != null) {
            return o.title;
        }
        if (tree.order() == SiblingOrder.INPUT) {
            return "Flame Chart";
        }
        return o.inverted ? "Icicle Graph" : "Flame Graph";
    }

    /** The subtitle as drawn, null for none; for a differential it always says how the columns were compared. */
    public static String subtitle(FrameTree tree, SvgOptions o) {
        String user = o.subtitle == null || o.subtitle.isEmpty() ? null : o.subtitle;
        if (!tree.differential()) {
            return user;
        }
        StringBuilder s = new StringBuilder("Differential: width = 2nd column; ");
        if (tree.normalized()) {
            s.append("1st column scaled \u00d7").append(new java.math.BigDecimal(tree.scale())
                    .round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString())
                    .append(" to the 2nd column's total; ");
        } else if (tree.totalBefore() == tree.totalAfter()) {
            s.append("equal totals, no scaling; ");
        } else {
            s.append("raw counts, not normalized; ");
        }
        s.append(o.negate ? "red = 1st > 2nd, blue = 1st < 2nd" : "red = 2nd > 1st, blue = 2nd < 1st");
        return user == null ? s.toString() : user + " \u2014 " + s;
    }

    /** The first {@code chars} characters of {@code name}, the last two replaced by ".." when cut; empty below 3. */
    static String fit(String name, int chars) {
        int cut = cut(name, chars);
        return cut == 0 ? "" : cut < 0 ? name : name.substring(0, cut) + "..";
    }

    /**
     * How much of a label fits {@code chars} characters: -1 all of it, 0 none (fewer than 3 fit), else
     * the length to keep before "..". Never splits a surrogate pair. After a zoom the script measures the text instead.
     */
    static int cut(String name, int chars) {
        if (chars < 3) {
            return 0;
        }
        if (name.length() <= chars) {
            return -1;
        }
        int cut = chars - 2;
        return Character.isHighSurrogate(name.charAt(cut - 1)) ? cut - 1 : cut;
    }

    /**
     * Double.toString of the font width; the default's string is written out because the first
     * Double.toString of 0.59 in a JVM sets up FloatingDecimal's big-number tables (~1 ms, cold).
     */
    static String fontWidth(double v) {
        return v == 0.59 ? "0.59" : Double.toString(v);
    }

    private static final java.util.Set<String> GENERIC_FAMILIES = java.util.Set.of("serif", "sans-serif", "monospace", "cursive",
            "fantasy", "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong");

    /**
     * The --fonttype family with sans-serif after it, unless it names a generic family itself: where
     * the font is missing, labels are then drawn in a font of about its width, not in the browser's
     * default serif.
     */
    static String fontFamily(String fontType) {
        for (String family : fontType.split(",")) {
            if (GENERIC_FAMILIES.contains(family.strip().toLowerCase(java.util.Locale.ROOT))) {
                return fontType;
            }
        }
        return fontType + ", sans-serif";
    }

    /** A count as a plain number, for data attributes. */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String commentSafe(String notes) {
        String s = Name.visible(notes);
        while (s.contains("--")) {
            s = s.replace("--", "- -");
        }
        return s.endsWith("-") ? s + " " : s;
    }
}
