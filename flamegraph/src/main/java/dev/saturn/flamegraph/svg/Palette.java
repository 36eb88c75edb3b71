package dev.saturn.flamegraph.svg;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * flamegraph.pl's fifteen palettes ({@code --colors}), with its formulas and its name rules. Each
 * colour comes from up to three values in [0, 1) that the {@link FrameColors} derive from the name.
 *
 * <pre>
 * hot     r 205-254, g 0-229, b 0-54          mem     r 0, g 190-239, b 0-209   (upper bounds +1 with --hash)
 * io      r=g 80-139, b 190-244               red     r 200-254, g=b 50-129
 * green   g 200-254, r=b 50-109               blue    b 205-254, r=g 80-139
 * aqua    r 50-109, g=b 165-219               yellow  r=g 175-229, b 50-69
 * purple  r=b 190-254, g 80-139               orange  r 190-254, g 90-154, b 0
 * java    _[j] green, _[i] aqua, java/ javax/ jdk/ net/ org/ com/ io/ sun/ (optionally L-prefixed) or ":::" green,
 *         "::" yellow, _[k] orange, else red
 * js      _[j] green when the name has a '/', else aqua; "::" yellow; "/...js" green; ':' aqua;
 *         a lone space green; _[k] orange; else red
 * perl    "::" yellow; "Perl" or ".pl" green; _[k] orange; else red
 * wakeup  aqua                                chain   waker frames (after a "--" frame, or named _[w]) aqua, else blue
 * </pre>
 */
public enum Palette {
    HOT, MEM, IO, WAKEUP, JAVA, JS, PERL, CHAIN, RED, GREEN, BLUE, AQUA, YELLOW, PURPLE, ORANGE;

    /** Compiled on first use of the java or js palette, not at start-up. */
    private static final class Rules {
        static final Pattern JAVA_PACKAGE = Pattern.compile("^L?(java|javax|jdk|net|org|com|io|sun)/");
        static final Pattern JS_SOURCE = Pattern.compile("/.*\\.js");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Palette> fromName(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The background flamegraph.pl picks for this palette when {@code --bgcolors} is not given. */
    public Background defaultBackground() {
        return switch (this) {
            case MEM -> Background.GREEN;
            case IO, WAKEUP, CHAIN -> Background.BLUE;
            case RED, GREEN, BLUE, AQUA, YELLOW, PURPLE, ORANGE -> Background.GREY;
            default -> Background.YELLOW;
        };
    }

    /** The palette that colours this name: a multi palette (java, js, perl, wakeup, chain) resolves to a plain one. */
    Palette resolve(String name, boolean waker) {
        switch (this) {
            case JAVA:
                if (name.endsWith("_[j]")) {
                    return GREEN;
                } else if (name.endsWith("_[i]")) {
                    return AQUA;
                } else if (Rules.JAVA_PACKAGE.matcher(name).find() || name.contains(":::")) {
                    return GREEN;
                } else if (name.contains("::")) {
                    return YELLOW;
                } else if (name.endsWith("_[k]")) {
                    return ORANGE;
                }
                return RED;
            case PERL:
                if (name.contains("::")) {
                    return YELLOW;
                } else if (name.contains("Perl") || name.contains(".pl")) {
                    return GREEN;
                } else if (name.endsWith("_[k]")) {
                    return ORANGE;
                }
                return RED;
            case JS:
                if (name.endsWith("_[j]")) {
                    return name.contains("/") ? GREEN : AQUA;
                } else if (name.contains("::")) {
                    return YELLOW;
                } else if (Rules.JS_SOURCE.matcher(name).find()) {
                    return GREEN;
                } else if (name.contains(":")) {
                    return AQUA;
                } else if (name.equals(" ")) {
                    return GREEN;
                } else if (name.contains("_[k]")) {
                    return ORANGE;
                }
                return RED;
            case WAKEUP:
                return AQUA;
            case CHAIN:
                return waker || name.contains("_[w]") ? AQUA : BLUE;
            default:
                return this;
        }
    }

    /** rgb(r,g,b) of a plain palette from the three name-derived values. */
    String rgb(double v1, double v2, double v3) {
        return switch (this) {
            case HOT -> rgb(205 + (int) (50 * v3), (int) (230 * v1), (int) (55 * v2));
            case MEM -> rgb(0, 190 + (int) (50 * v2), (int) (210 * v1));
            case IO -> {
                int rg = 80 + (int) (60 * v1);
                yield rgb(rg, rg, 190 + (int) (55 * v2));
            }
            case RED -> {
                int x = 50 + (int) (80 * v1);
                yield rgb(200 + (int) (55 * v1), x, x);
            }
            case GREEN -> {
                int x = 50 + (int) (60 * v1);
                yield rgb(x, 200 + (int) (55 * v1), x);
            }
            case BLUE -> {
                int x = 80 + (int) (60 * v1);
                yield rgb(x, x, 205 + (int) (50 * v1));
            }
            case YELLOW -> {
                int x = 175 + (int) (55 * v1);
                yield rgb(x, x, 50 + (int) (20 * v1));
            }
            case PURPLE -> {
                int x = 190 + (int) (65 * v1);
                yield rgb(x, 80 + (int) (60 * v1), x);
            }
            case AQUA -> rgb(50 + (int) (60 * v1), 165 + (int) (55 * v1), 165 + (int) (55 * v1));
            case ORANGE -> rgb(190 + (int) (65 * v1), 90 + (int) (65 * v1), 0);
            default -> throw new IllegalStateException(name() + " is a multi palette; resolve it first");
        };
    }

    static String rgb(int r, int g, int b) {
        return "rgb(" + r + "," + g + "," + b + ")";
    }

    /** flamegraph.pl's --bgcolors: two-stop vertical gradients, or one flat colour. */
    public enum Background {
        YELLOW("#eeeeee", "#eeeeb0"), BLUE("#eeeeee", "#e0e0ff"), GREEN("#eef2ee", "#e0ffe0"), GREY("#f8f8f8", "#e8e8e8");

        private final String top;
        private final String bottom;

        Background(String top, String bottom) {
            this.top = top;
            this.bottom = bottom;
        }

        public String top() {
            return top;
        }

        public String bottom() {
            return bottom;
        }

        /** A gradient name (yellow, blue, green, grey) or a flat {@code #rrggbb}: its two stops. */
        public static Optional<String[]> stops(String spec) {
            String s = spec.trim().toLowerCase(Locale.ROOT);
            if (s.matches("#[0-9a-f]{6}")) {
                return Optional.of(new String[] {s, s});
            }
            if (s.equals("gray")) {
                s = "grey";
            }
            for (Background b : values()) {
                if (b.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return Optional.of(new String[] {b.top, b.bottom});
                }
            }
            return Optional.empty();
        }
    }
}
