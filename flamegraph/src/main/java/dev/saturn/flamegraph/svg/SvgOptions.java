package dev.saturn.flamegraph.svg;

import dev.saturn.flamegraph.tree.FrameTree;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Everything about how a frame tree is drawn, by flamegraph.pl's option names and defaults. Build with
 * {@link #builder()}; the values are checked there, so a renderer never sees a width of 0.
 */
public final class SvgOptions {
    final String title;
    final String subtitle;
    final int width;
    final int frameHeight;
    final double minWidth;
    final boolean minWidthPercent;
    final String fontType;
    final double fontSize;
    final double fontWidth;
    final String countName;
    final String nameType;
    final Palette palette;
    final String[] background;
    final FrameColors.Hue hue;
    final PaletteMap paletteMap;
    final NameAttributes nameAttributes;
    final boolean inverted;
    final boolean negate;
    final String notes;
    final double total;
    final double factor;
    final Charset encoding;

    private SvgOptions(Builder b) {
        title = b.title;
        subtitle = b.subtitle;
        width = b.width;
        frameHeight = b.frameHeight;
        minWidth = b.minWidth;
        minWidthPercent = b.minWidthPercent;
        fontType = b.fontType;
        fontSize = b.fontSize;
        fontWidth = b.fontWidth;
        countName = b.countName;
        nameType = b.nameType;
        palette = b.palette;
        background = b.background != null ? b.background
                : new String[] {b.palette.defaultBackground().top(), b.palette.defaultBackground().bottom()};
        hue = b.hue;
        paletteMap = b.paletteMap;
        nameAttributes = b.nameAttributes;
        inverted = b.inverted;
        negate = b.negate;
        notes = b.notes;
        total = b.total;
        factor = b.factor;
        encoding = b.encoding;
    }

    /** What the counts are (flamegraph.pl's --countname). */
    public String countName() {
        return countName;
    }

    /** The title as given; null for the default. */
    public String title() {
        return title;
    }

    public static SvgOptions defaults() {
        return builder().build();
    }

    // Read by the HTML page's renderer (flamegraph.html), which draws the same options its own way;
    // the title and subtitle as drawn (defaults included) come from SvgRenderer.title and subtitle.

    public int width() {
        return width;
    }

    public int frameHeight() {
        return frameHeight;
    }

    /** Frames narrower than this are not drawn: pixels at {@link #width()}, or percent of the total when {@link #minWidthPercent()}. */
    public double minWidth() {
        return minWidth;
    }

    public boolean minWidthPercent() {
        return minWidthPercent;
    }

    /** The font family with a generic fallback, as the SVG's style names it. */
    public String fontFamily() {
        return SvgRenderer.fontFamily(fontType);
    }

    public double fontSize() {
        return fontSize;
    }

    public double fontWidth() {
        return fontWidth;
    }

    public String nameType() {
        return nameType;
    }

    public Palette palette() {
        return palette;
    }

    /** The two stops of the background gradient, top and bottom. */
    public String[] background() {
        return background.clone();
    }

    /**
     * The colours of {@code tree}'s frames as the SVG gives them (a new instance: --random and --cp keep
     * state): by frame type for a typed tree and the java palette.
     */
    public FrameColors frameColors(FrameTree tree) {
        return FrameColors.of(palette, hue, paletteMap, tree.typed());
    }

    public boolean inverted() {
        return inverted;
    }

    public boolean negate() {
        return negate;
    }

    /** Null or empty for none. */
    public String notes() {
        return notes;
    }

    public double total() {
        return total;
    }

    public double factor() {
        return factor;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String title;
        private String subtitle;
        private int width = 1200;
        private int frameHeight = 16;
        private double minWidth = 0.1;
        private boolean minWidthPercent;
        private String fontType = "Verdana";
        private double fontSize = 12;
        private double fontWidth = 0.59;
        private String countName = "samples";
        private String nameType = "Function:";
        private Palette palette = Palette.HOT;
        private String[] background;
        private FrameColors.Hue hue = FrameColors.Hue.NAME;
        private PaletteMap paletteMap;
        private NameAttributes nameAttributes = NameAttributes.NONE;
        private boolean inverted;
        private boolean negate;
        private String notes;
        private double total;
        private double factor = 1;
        private Charset encoding = StandardCharsets.UTF_8;

        private Builder() {
        }

        /** Null for the default: "Flame Graph", "Icicle Graph" when inverted, "Flame Chart" for a flame chart. */
        public Builder title(String t) {
            title = t;
            return this;
        }

        public Builder subtitle(String s) {
            subtitle = s;
            return this;
        }

        /** Image width in pixels (at least 40). */
        public Builder width(int w) {
            require(w >= 40, "--width must be at least 40 pixels, got " + w);
            width = w;
            return this;
        }

        /** Height of one frame row in pixels (at least 2). */
        public Builder frameHeight(int h) {
            require(h >= 2, "--height must be at least 2 pixels, got " + h);
            frameHeight = h;
            return this;
        }

        /** Frames narrower than this are not drawn: pixels, or percent of the total when {@code percent}. */
        public Builder minWidth(double w, boolean percent) {
            require(w >= 0 && Double.isFinite(w), "--minwidth must be a number >= 0");
            minWidth = w;
            minWidthPercent = percent;
            return this;
        }

        /** flamegraph.pl's syntax: a number of pixels, or a percentage of the total ending with '%'. */
        public Builder minWidth(String spec) {
            String s = spec.trim();
            boolean percent = s.endsWith("%");
            String number = percent ? s.substring(0, s.length() - 1) : s;
            int dots = 0;
            int digits = 0;
            for (int i = 0; i < number.length(); i++) {
                char c = number.charAt(i);
                if (c == '.') {
                    dots++;
                } else if (c >= '0' && c <= '9') {
                    digits++;
                } else {
                    digits = -1;
                    break;
                }
            }
            require(digits > 0 && dots <= 1, "--minwidth takes pixels (0.1) or a percentage (0.5%), got '" + spec + "'");
            return minWidth(Double.parseDouble(number), percent);
        }

        public Builder fontType(String f) {
            fontType = f;
            return this;
        }

        public Builder fontSize(double s) {
            require(s > 0 && Double.isFinite(s), "--fontsize must be > 0");
            fontSize = s;
            return this;
        }

        /** Average glyph width as a fraction of the font size: the estimate labels are truncated with. */
        public Builder fontWidth(double w) {
            require(w > 0 && Double.isFinite(w), "--fontwidth must be > 0");
            fontWidth = w;
            return this;
        }

        public Builder countName(String c) {
            countName = c;
            return this;
        }

        public Builder nameType(String n) {
            nameType = n;
            return this;
        }

        public Builder palette(Palette p) {
            palette = p;
            return this;
        }

        /** yellow, blue, green, grey, or a flat #rrggbb; null for the palette's default. */
        public Builder background(String spec) {
            if (spec == null) {
                background = null;
                return this;
            }
            background = Palette.Background.stops(spec).orElse(null);
            require(background != null, "--bgcolors takes yellow, blue, green, grey or #rrggbb, got '" + spec + "'");
            return this;
        }

        public Builder hue(FrameColors.Hue h) {
            hue = h;
            return this;
        }

        /** A consistent palette: read by the caller before, written by the caller after drawing. */
        public Builder paletteMap(PaletteMap m) {
            paletteMap = m;
            return this;
        }

        public Builder nameAttributes(NameAttributes a) {
            nameAttributes = a;
            return this;
        }

        /** Icicle graph: the root at the top. */
        public Builder inverted(boolean on) {
            inverted = on;
            return this;
        }

        /** Differential colours and deltas swapped: red for what shrank. */
        public Builder negate(boolean on) {
            negate = on;
            return this;
        }

        public Builder notes(String n) {
            notes = n;
            return this;
        }

        /** The count that fills the full width (0: the sum of the counts); ignored when smaller than that sum. */
        public Builder total(double t) {
            require(t >= 0 && Double.isFinite(t), "--total must be a number >= 0");
            total = t;
            return this;
        }

        /** Multiplies the counts shown in tooltips (not the widths). */
        public Builder factor(double f) {
            require(Double.isFinite(f), "--factor must be a number");
            factor = f;
            return this;
        }

        public Builder encoding(Charset c) {
            encoding = c;
            return this;
        }

        public SvgOptions build() {
            require(width - 20 > fontSize * fontWidth, "--width is too small for the font");
            return new SvgOptions(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
