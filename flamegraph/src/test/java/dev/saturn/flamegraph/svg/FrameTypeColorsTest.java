package dev.saturn.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.tree.FrameType;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A profile whose names carry async-profiler's frame types, drawn with the java palette: each frame in its
 * type's colour (async-profiler's base colour, up to its variation above), its label without the suffix, its
 * tooltip and search text with the type.
 */
class FrameTypeColorsTest {
    static final String TYPED = """
            java/lang/Thread.run_[0];app/Main.loop_[1];app/Main.hot_[j];app/Main.mix_[i] 5
            java/lang/Thread.run_[0];app/Main.loop_[1];JVM_Sleep;os::sleep;do_syscall_64_[k] 3
            java/lang/Thread.run_[0];app/Main.loop_[1];app/Main.hot_[j] 2
            """;

    /** async-profiler's palette: base colour and the most each channel rises above it. */
    static boolean inColour(FrameType type, String fill) {
        int[][] p = {
            {0xb2e1b2, 20, 20, 20}, {0x50e150, 30, 30, 30}, {0x50cccc, 30, 30, 30}, {0xe15a5a, 30, 40, 40},
            {0xc8c83c, 30, 30, 10}, {0xe17d00, 30, 30, 0}, {0xcce880, 20, 20, 20},
        };
        int[] c = p[type.ordinal()];
        Matcher m = Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)").matcher(fill);
        if (!m.matches()) {
            return false;
        }
        int[] base = {c[0] >> 16, c[0] >> 8 & 0xff, c[0] & 0xff};
        for (int k = 0; k < 3; k++) {
            int v = Integer.parseInt(m.group(k + 1));
            if (v < base[k] || v > base[k] + c[k + 1]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void eachFrameInItsTypesColourWithItsLabelBareAndItsTypeInTheTooltip() throws Exception {
        SvgDoc svg = SvgDoc.render(TYPED, TreeOptions.defaults(), SvgOptions.builder().palette(Palette.JAVA).minWidth("0").build());
        Object[][] expected = {
            {"java/lang/Thread.run", FrameType.INTERPRETED}, {"app/Main.loop", FrameType.C1_COMPILED},
            {"app/Main.hot", FrameType.JIT_COMPILED}, {"app/Main.mix", FrameType.INLINED}, {"do_syscall_64", FrameType.KERNEL},
            {"JVM_Sleep", FrameType.NATIVE}, {"os::sleep", FrameType.CPP},
        };
        for (Object[] e : expected) {
            FrameType type = (FrameType) e[1];
            boolean suffixed = type != FrameType.NATIVE && type != FrameType.CPP;
            SvgDoc.Box f = svg.frame(e[0] + (suffixed ? " (" + type.description() + ")" : ""));
            assertTrue(inColour(type, f.fill()), e[0] + " is " + type + ": " + f.fill());
            if (suffixed) {
                assertEquals(e[0], f.g().getAttribute("data-name"), "the label the script draws on zoom");
            }
            assertTrue(f.label().isEmpty() || ((String) e[0]).startsWith(f.label().replace("..", "")), "label without the suffix: " + f.label());
        }
        for (SvgDoc.Box f : svg.frames()) {
            assertTrue(!f.title().contains("_[") && !f.label().contains("_["), "no suffix in a title or a label: " + f.title());
        }
        assertEquals("JIT compiled", svg.frame("app/Main.hot (JIT compiled)").g().getAttribute("data-type"));
    }

    @Test
    void aFunctionKeepsItsShadeWhateverRanIt() {
        FrameColors colors = FrameColors.of(Palette.JAVA, FrameColors.Hue.NAME, null, true);
        String jit = colors.of("a/B.c_[j]", "a/B.c_[j]", false);
        String interpreted = colors.of("a/B.c_[0]", "a/B.c_[0]", false);
        double v = FrameColors.seededRand("a/B.c");
        assertEquals(Palette.rgb(0x50 + (int) (30 * v), 0xe1 + (int) (30 * v), 0x50 + (int) (30 * v)), jit);
        assertEquals(Palette.rgb(0xb2 + (int) (20 * v), 0xe1 + (int) (20 * v), 0xb2 + (int) (20 * v)), interpreted);
    }

    @Test
    void withoutSuffixesTheJavaPaletteIsFlamegraphPls() throws Exception {
        String plain = TYPED.replaceAll("_\\[.\\]", "");
        SvgOptions java = SvgOptions.builder().palette(Palette.JAVA).minWidth("0").build();
        byte[] drawn = SvgDoc.bytes(plain.getBytes(StandardCharsets.UTF_8), TreeOptions.defaults(), java);
        SvgDoc svg = SvgDoc.parse(drawn);
        FrameColors pl = new FrameColors(Palette.JAVA, FrameColors.Hue.NAME, null);
        for (SvgDoc.Box f : svg.frames()) {
            if (f.index() > 0) {
                assertEquals(pl.of(f.name(), f.name(), false), f.fill(), f.name());
                assertTrue(f.g().getAttribute("data-type").isEmpty(), f.name());
            }
        }
        assertNull(FrameType.ofSuffix("Main.loop"));
        assertArrayEquals(drawn, SvgDoc.bytes(plain.getBytes(StandardCharsets.UTF_8), TreeOptions.defaults(), java));
    }

    @Test
    void otherPalettesIgnoreTheTypes() throws Exception {
        SvgDoc svg = SvgDoc.render(TYPED, TreeOptions.defaults(), SvgOptions.builder().palette(Palette.HOT).minWidth("0").build());
        SvgDoc.Box hot = svg.frame("app/Main.hot (JIT compiled)");
        assertEquals(new FrameColors(Palette.HOT, FrameColors.Hue.NAME, null).of("app/Main.hot_[j]", "app/Main.hot_[j]", false), hot.fill());
    }
}
