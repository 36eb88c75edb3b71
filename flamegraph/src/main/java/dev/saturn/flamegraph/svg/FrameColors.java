package dev.saturn.flamegraph.svg;

import dev.saturn.flamegraph.tree.FrameType;
import dev.saturn.flamegraph.tree.Name;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * The fill of each frame from its name, as flamegraph.pl picks it, so that the same function has the
 * same colour here and there. By default the three palette values are one pseudo-random number seeded
 * by the sum of the name's code points (Perl's srand/rand, i.e. drand48); {@code --hash} derives them
 * from the first characters of the name and of its reverse; {@code --random} draws them afresh for each
 * frame (the one non-deterministic option). With a {@link PaletteMap} ({@code --cp}) a name keeps the
 * colour the map gives it, and new names are added to the map. With {@code byType} (the java palette on
 * a profile whose names carry frame types, {@code _[j]}...) the fill is async-profiler's colour of the
 * frame's {@link FrameType} instead of the palette's ({@link FrameTypeColors}).
 */
public final class FrameColors {
    /** Where the palette values come from. */
    public enum Hue {
        NAME, HASH, RANDOM
    }

    private static final String WAKER = "_[w]";

    private final Palette palette;
    private final Hue hue;
    private final PaletteMap map;
    private final boolean byType;
    private Random random;
    private final Map<String, String> cache = new HashMap<>();

    public FrameColors(Palette palette, Hue hue, PaletteMap map) {
        this(palette, hue, map, false);
    }

    private FrameColors(Palette palette, Hue hue, PaletteMap map, boolean byType) {
        this.palette = palette;
        this.hue = hue;
        this.map = map;
        this.byType = byType;
    }

    /**
     * The colours of a tree's frames: by frame type, as async-profiler colours them, when the palette is
     * java and some name carries a type suffix ({@code typed}); else by the palette's name rules.
     */
    public static FrameColors of(Palette palette, Hue hue, PaletteMap map, boolean typed) {
        return new FrameColors(palette, hue, map, typed && palette == Palette.JAVA);
    }

    /**
     * The colour of a frame: {@code key} is the raw name (the palette map's key), {@code text} the
     * decoded name the palette rules read; {@code waker} marks frames after a "--" separator (chain).
     */
    public String of(String key, String text, boolean waker) {
        if (waker) {
            // flamegraph.pl --colors chain renames waker frames "name_[w]" and colours (and maps) that name
            return colorOf(key + WAKER, text + WAKER, true);
        }
        return colorOf(key, text, false);
    }

    /**
     * As {@link #of}, for a caller that asks once per name (the HTML page's name table): no cache to fill
     * and no raw string to make, unless a palette map keys its colours by it.
     */
    public String ofName(Name name, boolean waker) {
        if (map != null) {
            return of(name.raw(), name.text(), waker);
        }
        return compute(waker ? name.text() + WAKER : name.text(), waker);
    }

    private String colorOf(String key, String text, boolean waker) {
        if (map != null) {
            return map.colorOf(key, () -> compute(text, waker));
        }
        if (hue == Hue.RANDOM) {
            return compute(text, waker);
        }
        String color = cache.get(key);
        if (color == null) {
            color = compute(text, waker);
            cache.put(key, color);
        }
        return color;
    }

    String compute(String text, boolean waker) {
        FrameType type = null;
        String seed = text;
        if (byType) {
            type = FrameType.of(text);
            if (FrameType.ofSuffix(text) != null) {
                // the function keeps its shade whatever ran it
                seed = text.substring(0, text.length() - 4);
            }
        }
        double v1;
        double v2;
        double v3;
        switch (hue) {
            case HASH -> {
                v1 = nameHash(seed);
                v2 = nameHash(new StringBuilder(seed).reverse().toString());
                v3 = v2;
            }
            case RANDOM -> {
                if (random == null) {
                    random = new Random();
                }
                v1 = random.nextDouble();
                v2 = random.nextDouble();
                v3 = random.nextDouble();
            }
            default -> {
                v1 = seededRand(seed);
                v2 = v1;
                v3 = v1;
            }
        }
        if (type != null) {
            return FrameTypeColors.rgb(type, v1);
        }
        return palette.resolve(text, waker).rgb(v1, v2, v3);
    }

    /** Perl's {@code srand(unpack("%32W*", $name)); rand(1)}: one step of drand48 from that seed. */
    static double seededRand(String name) {
        long sum = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            sum += cp;
            i += Character.charCount(cp);
        }
        long x = ((sum & 0xffffffffL) << 16) + 0x330e;
        x = (0x5deece66dL * x + 0xb) & ((1L << 48) - 1);
        return x / (double) (1L << 48);
    }

    /** flamegraph.pl's namehash: up to three characters, early ones weigh more; a module prefix ("mod`") is skipped. */
    static double nameHash(String name) {
        int tick = name.indexOf('`', 1);
        if (tick > 0) {
            name = name.substring(tick + 1);
        }
        double vector = 0;
        double weight = 1;
        double max = 1;
        int mod = 10;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            vector += ((cp % mod) / (double) (mod++ - 1)) * weight;
            max += weight;
            weight *= 0.70;
            if (mod > 12) {
                break;
            }
        }
        return 1 - vector / max;
    }
}
