package dev.saturn.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.svg.SvgDoc.Box;
import dev.saturn.flamegraph.tree.SiblingOrder;
import dev.saturn.flamegraph.tree.StackFilter;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SvgRendererTest {
    private static final String SIMPLE = "main;foo;bar 5\nmain;foo 2\nmain;baz 3\n";
    private static final double XPAD = 10;
    private static final double WIDTH = 1180; // 1200 - 2 * xpad
    /** A real profile of our own (async-profiler collapsed output, see resources/folded/README.md). */
    private static final Path REAL_PROFILE = Path.of("src/test/resources/folded/async-profiler-cpu-ann.collapsed");

    private static TreeOptions order(SiblingOrder o) {
        return new TreeOptions(o, StackFilter.NONE, true);
    }

    private static TreeOptions filter(StackFilter f) {
        return new TreeOptions(SiblingOrder.NAME, f, true);
    }

    @Test
    void widthsAreProportionalToCounts() throws Exception {
        SvgDoc svg = SvgDoc.render(SIMPLE);
        assertEquals(List.of("all", "main", "baz", "foo", "bar"), svg.names());
        assertEquals(WIDTH, svg.frame("all").width(), 0.05);
        assertEquals(WIDTH * 3 / 10, svg.frame("baz").width(), 0.1);
        assertEquals(WIDTH * 7 / 10, svg.frame("foo").width(), 0.1);
        assertEquals(WIDTH * 5 / 10, svg.frame("bar").width(), 0.1);
        for (Box b : svg.frames()) {
            assertEquals(15.0, b.height(), 1e-9, "frame height minus 1 px of padding");
        }
    }

    @Test
    void selfTimeComesBeforeTheCalleesAsInFlamegraphPl() throws Exception {
        SvgDoc svg = SvgDoc.render(SIMPLE);
        Box foo = svg.frame("foo");
        Box bar = svg.frame("bar");
        assertEquals(foo.x() + WIDTH * 2 / 10, bar.x(), 0.1, "foo's 2 self samples sit left of bar");
        assertEquals(foo.right(), bar.right(), 0.1);
    }

    @Test
    void childrenLieWithinTheirParentOneRowUp() throws Exception {
        SvgDoc svg = SvgDoc.render(Files.readAllBytes(REAL_PROFILE),
                TreeOptions.defaults(), SvgOptions.builder().minWidth("0").build());
        assertTrue(svg.frames().size() > 100, "a real profile: " + svg.frames().size());
        for (Box b : svg.frames().subList(1, svg.frames().size())) {
            Box p = svg.parentOf(b);
            assertNotNull(p, b.name());
            assertEquals(p.y() - 16, b.y(), 1e-9, "one row above its parent: " + b.name());
            assertTrue(b.x() >= p.x() - 0.1 && b.right() <= p.right() + 0.11, b.name() + " within " + p.name());
            assertTrue(b.samples() <= p.samples(), b.name());
        }
    }

    @Test
    void invertedPutsTheRootOnTopAndChildrenOneRowDown() throws Exception {
        SvgDoc svg = SvgDoc.render(SIMPLE, TreeOptions.defaults(), SvgOptions.builder().inverted(true).build());
        assertEquals("Icicle Graph", svg.byId("title").getTextContent());
        Box all = svg.frame("all");
        assertEquals(36, all.y(), 1e-9, "below the title band (3 * fontsize)");
        for (Box b : svg.frames().subList(1, svg.frames().size())) {
            assertEquals(svg.parentOf(b).y() + 16, b.y(), 1e-9);
        }
    }

    @Test
    void titlesCarryCountsAndPercentages() throws Exception {
        SvgDoc svg = SvgDoc.render("a;b 1234567\na;c 765433\n");
        assertEquals("all (2,000,000 samples, 100%)", svg.frame("all").title());
        assertEquals("b (1,234,567 samples, 61.73%)", svg.frame("b").title());
        assertEquals("c (765,433 samples, 38.27%)", svg.frame("c").title());
    }

    @Test
    void countNameFactorAndTotalChangeTheTitlesAndScale() throws Exception {
        SvgDoc svg = SvgDoc.render("a;b 10\na;c 30\n", TreeOptions.defaults(),
                SvgOptions.builder().countName("bytes").factor(1024).total(80).build());
        assertEquals("all (81,920 bytes, 100%)", svg.frame("all").title());
        assertEquals("c (30,720 bytes, 37.50%)", svg.frame("c").title());
        assertEquals(WIDTH, svg.frame("all").width(), 0.05, "the root spans --total");
        assertEquals(WIDTH / 2, svg.frame("a").width(), 0.1, "40 of 80");
    }

    @Test
    void fractionalCountsAreKept() throws Exception {
        SvgDoc svg = SvgDoc.render("a;b 0.25\na;c 1.75\nd 2.\n");
        assertEquals("all (4 samples, 100%)", svg.frame("all").title());
        assertEquals("b (0.25 samples, 6.25%)", svg.frame("b").title());
        assertEquals(WIDTH * 1.75 / 4, svg.frame("c").width(), 0.1);
        assertEquals(WIDTH / 2, svg.frame("d").width(), 0.1);
    }

    @Test
    void minWidthPrunesInPixelsOrPercent() throws Exception {
        String folded = "a;big 995\na;small 4\na;tiny 1\n";
        assertEquals(List.of("all", "a", "big", "small", "tiny"), SvgDoc.render(folded).names());
        SvgDoc px = SvgDoc.render(folded, TreeOptions.defaults(), SvgOptions.builder().minWidth("2").build());
        assertEquals(List.of("all", "a", "big", "small"), px.names(), "tiny is 1.18 px, small 4.72 px");
        SvgDoc pct = SvgDoc.render(folded, TreeOptions.defaults(), SvgOptions.builder().minWidth("0.5%").build());
        assertEquals(List.of("all", "a", "big"), pct.names());
        String deep = "a;narrow;child;grandchild 1\na;wide 999\n";
        SvgDoc pruned = SvgDoc.render(deep, TreeOptions.defaults(), SvgOptions.builder().minWidth("2").build());
        assertEquals(List.of("all", "a", "wide"), pruned.names(), "a pruned frame takes its subtree with it");
        assertEquals(16 * 3 + 36 + 34, Double.parseDouble(pruned.doc().getDocumentElement().getAttribute("height")), 1e-9,
                "height from the drawn depth only");
    }

    @Test
    void framesAreInPreorderWithSubtreesContiguous() throws Exception {
        SvgDoc svg = SvgDoc.render("a;b;c 1\na;b;d 1\na;e 1\nf;g 1\n");
        assertEquals(List.of("all", "a", "b", "c", "d", "e", "f", "g"), svg.names());
    }

    @Test
    void reverseFlipsEachStack() throws Exception {
        SvgDoc svg = SvgDoc.render("main;a;leaf 3\nmain;b;leaf 2\nmain;b;other 1\n", filter(StackFilter.builder().reverse(true).build()),
                SvgOptions.defaults());
        assertEquals(List.of("all", "leaf", "a", "main", "b", "main", "other", "b", "main"), svg.names());
        assertEquals(WIDTH * 5 / 6, svg.frame("leaf").width(), 0.1);
    }

    @Test
    void flameChartKeepsInputOrderAndDoesNotMergeSeparatedCalls() throws Exception {
        String folded = "a;b 1\na 1\na;b 1\nc 2\na 3\n";
        SvgDoc chart = SvgDoc.render(folded, order(SiblingOrder.INPUT), SvgOptions.defaults());
        assertEquals("Flame Chart", chart.byId("title").getTextContent());
        assertEquals(List.of("all", "a", "b", "b", "c", "a"), chart.names());
        List<Box> bs = chart.all("b");
        double unit = WIDTH / 8;
        assertEquals(XPAD, bs.get(0).x(), 0.1);
        assertEquals(XPAD + 2 * unit, bs.get(1).x(), 0.1, "after a's own sample in between");
        assertEquals(XPAD + 3 * unit, chart.frame("c").x(), 0.1);
        SvgDoc graph = SvgDoc.render(folded);
        assertEquals(List.of("all", "a", "b", "c"), graph.names(), "a flame graph merges by name");
    }

    @Test
    void sortByWeightPutsTheHeaviestSiblingFirst() throws Exception {
        String folded = "m;a 1\nm;b 5\nm;c 3\n";
        assertEquals(List.of("all", "m", "a", "b", "c"), SvgDoc.render(folded).names());
        assertEquals(List.of("all", "m", "b", "c", "a"), SvgDoc.render(folded, order(SiblingOrder.WEIGHT), SvgOptions.defaults()).names());
    }

    @Test
    void differentialColoursEveryFrameByItsDelta() throws Exception {
        String folded = "m;grow 10 20\nm;same 5 5\nm;shrink 10 2\nm;gone 4 0\nm;new 0 4\n";
        SvgDoc svg = SvgDoc.render(folded, new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, false), SvgOptions.defaults());
        assertEquals("rgb(255,255,255)", svg.frame("same").fill());
        assertEquals("rgb(255,0,0)", svg.frame("grow").fill(), "+10 is the largest change: full red");
        assertEquals("rgb(42,42,255)", svg.frame("shrink").fill(), "-8 of 10");
        assertTrue(red(svg.frame("new").fill()));
        assertEquals(+10 * 100.0 / 31, svg.frame("grow").delta(), 0.005);
        assertEquals(+2 * 100.0 / 31, svg.frame("m").delta(), 0.005, "a non-leaf frame has its delta too");
        assertTrue(svg.byId("subtitle").getTextContent().contains("raw counts, not normalized"));
    }

    @Test
    void differentialWidthIsTheSecondColumnAndVanishedFramesAreListedWhereTheyWere() throws Exception {
        // The example: saturn diff-folded of "a;b 100 / x 100" and "a;c 100 / x 100".
        SvgDoc svg = SvgDoc.render("a;b 100 0\na;c 0 100\nx 100 100\n");
        assertEquals(List.of("all", "a", "c", "x"), svg.names(), "b has no second-column count: no width, no frame");
        assertEquals(WIDTH / 2, svg.frame("a").width(), 0.05, "a holds 100 of 200 in the second column");
        assertEquals(WIDTH / 2, svg.frame("x").width(), 0.05);
        assertEquals(XPAD + WIDTH / 2, svg.frame("x").x(), 0.05);
        Box a = svg.frame("a");
        assertTrue(a.title().endsWith("; vanished: b (100 samples before))"), a.title());
        assertEquals("frame vanished", a.g().getAttribute("class"), "a marker that moves nothing");
        assertEquals("frame", svg.frame("x").g().getAttribute("class"));

        String many = "m;keep 1 1\nm;g1 1 0\nm;g2 4 0\nm;g3 3 0\nm;g4 2 0\nm;g5 5 0\ntop 7 0\n";
        SvgDoc listed = SvgDoc.render(many, new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, false), SvgOptions.defaults());
        assertTrue(listed.frame("m").title().endsWith(
                "; vanished: g5 (5 samples before), g2 (4 samples before), g3 (3 samples before) and 2 more)"),
                listed.frame("m").title());
        assertTrue(listed.frame("all").title().endsWith("100%; vanished: top (7 samples before))"), listed.frame("all").title());
    }

    @Test
    void differentialIsNormalizedByDefaultAndSaysSo() throws Exception {
        String folded = "m;a 10 40\nm;b 10 40\n";
        SvgDoc svg = SvgDoc.render(folded);
        assertEquals("rgb(255,255,255)", svg.frame("a").fill(), "both doubled: no change in share");
        assertEquals(0, svg.frame("a").delta(), 1e-9);
        String subtitle = svg.byId("subtitle").getTextContent();
        assertTrue(subtitle.contains("scaled \u00d74"), subtitle);
        assertTrue(subtitle.contains("red = 2nd > 1st"), subtitle);
    }

    @Test
    void negateSwapsTheHues() throws Exception {
        String folded = "m;a 10 20\nm;b 10 10\n";
        TreeOptions raw = new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, false);
        SvgDoc plain = SvgDoc.render(folded, raw, SvgOptions.defaults());
        SvgDoc negated = SvgDoc.render(folded, raw, SvgOptions.builder().negate(true).build());
        assertTrue(red(plain.frame("a").fill()));
        assertTrue(blue(negated.frame("a").fill()));
        assertEquals(-plain.frame("a").delta(), negated.frame("a").delta(), 1e-9);
        assertTrue(negated.byId("subtitle").getTextContent().contains("red = 1st > 2nd"));
    }

    @Test
    void eachPaletteStaysWithinItsRange() throws Exception {
        StringBuilder folded = new StringBuilder();
        Random r = new Random(7);
        for (int i = 0; i < 300; i++) {
            folded.append("root;").append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36)).append(' ').append(1).append('\n');
        }
        // Upper bounds are reached only with --hash, whose value can be exactly 1 (flamegraph.pl's too).
        int[][][] ranges = {
            /* hot */ {{205, 255}, {0, 230}, {0, 55}},
            /* mem */ {{0, 0}, {190, 240}, {0, 210}},
            /* io */ {{80, 140}, {80, 140}, {190, 245}},
            /* red */ {{200, 255}, {50, 130}, {50, 130}},
            /* green */ {{50, 110}, {200, 255}, {50, 110}},
            /* blue */ {{80, 140}, {80, 140}, {205, 255}},
            /* aqua */ {{50, 110}, {165, 220}, {165, 220}},
            /* yellow */ {{175, 230}, {175, 230}, {50, 70}},
            /* purple */ {{190, 255}, {80, 140}, {190, 255}},
            /* orange */ {{190, 255}, {90, 155}, {0, 0}},
            /* wakeup = aqua */ {{50, 110}, {165, 220}, {165, 220}},
        };
        Palette[] palettes = {Palette.HOT, Palette.MEM, Palette.IO, Palette.RED, Palette.GREEN, Palette.BLUE, Palette.AQUA,
            Palette.YELLOW, Palette.PURPLE, Palette.ORANGE, Palette.WAKEUP};
        for (FrameColors.Hue hue : FrameColors.Hue.values()) {
            for (int p = 0; p < palettes.length; p++) {
                SvgDoc svg = SvgDoc.render(folded.toString(), TreeOptions.defaults(), SvgOptions.builder().palette(palettes[p]).hue(hue).build());
                for (Box b : svg.frames()) {
                    int[] rgb = rgb(b.fill());
                    for (int c = 0; c < 3; c++) {
                        assertTrue(rgb[c] >= ranges[p][c][0] && rgb[c] <= ranges[p][c][1],
                                palettes[p] + "/" + hue + " " + b.fill() + " for " + b.name());
                    }
                }
            }
        }
    }

    @Test
    void multiPalettesColourByTheNameRules() throws Exception {
        // without type suffixes: a profile with them is coloured by frame type (FrameTypeColorsTest)
        String java = "j;java/util/HashMap.get 1\nj;Lcom/acme/App.run 1\nj;Interpreter 1\nj;JIT::compile 1\nj;perf:::map 1\n";
        SvgDoc svg = SvgDoc.render(java, TreeOptions.defaults(), SvgOptions.builder().palette(Palette.JAVA).build());
        assertTrue(green(svg.frame("java/util/HashMap.get").fill()));
        assertTrue(green(svg.frame("Lcom/acme/App.run").fill()));
        assertTrue(green(svg.frame("perf:::map").fill()));
        assertEquals(Palette.GREEN, Palette.JAVA.resolve("foo_[j]", false));
        assertEquals(Palette.AQUA, Palette.JAVA.resolve("inl_[i]", false));
        assertEquals(Palette.YELLOW, Palette.JAVA.resolve("JIT::compile", false));
        assertEquals(Palette.ORANGE, Palette.JAVA.resolve("do_syscall_64_[k]", false));
        assertEquals(Palette.RED, Palette.JAVA.resolve("Interpreter", false));
        assertEquals(Palette.GREEN, Palette.JS.resolve("/srv/app.js:10", false));
        assertEquals(Palette.AQUA, Palette.JS.resolve("Builtin:Call", false));
        assertEquals(Palette.GREEN, Palette.JS.resolve("LazyCompile:/a.js_[j]", false));
        assertEquals(Palette.AQUA, Palette.JS.resolve("Stub_[j]", false));
        assertEquals(Palette.YELLOW, Palette.PERL.resolve("Foo::bar", false));
        assertEquals(Palette.GREEN, Palette.PERL.resolve("Perl_runops", false));
        assertEquals(Palette.ORANGE, Palette.PERL.resolve("sys_read_[k]", false));
        assertEquals(Palette.AQUA, Palette.CHAIN.resolve("waker", true));
        assertEquals(Palette.BLUE, Palette.CHAIN.resolve("sleeper", false));
    }

    @Test
    void chainPaletteColoursWakersAfterTheSeparator() throws Exception {
        SvgDoc svg = SvgDoc.render("sleep;schedule;--;wake;waker 3\n", TreeOptions.defaults(),
                SvgOptions.builder().palette(Palette.CHAIN).build());
        assertEquals("rgb(160,160,160)", svg.frame("--").fill());
        int[] sleeper = rgb(svg.frame("schedule").fill());
        int[] waker = rgb(svg.frame("waker").fill());
        assertTrue(sleeper[2] >= 205 && sleeper[0] == sleeper[1], "blue");
        assertTrue(waker[1] >= 165 && waker[1] == waker[2] && waker[0] < 110, "aqua");
        assertEquals("rgb(200,200,200)", SvgDoc.render("a;-;b 1\n").frame("-").fill());
    }

    @Test
    void theFontHasASansSerifFallback() throws Exception {
        assertTrue(SvgDoc.render(SIMPLE).text().contains("text { font-family: Verdana, sans-serif;"));
        assertEquals("Courier, monospace", SvgRenderer.fontFamily("Courier, monospace"), "a generic family given: kept as it is");
        assertEquals("serif", SvgRenderer.fontFamily("serif"));
        assertEquals("DejaVu Sans Mono, sans-serif", SvgRenderer.fontFamily("DejaVu Sans Mono"));
    }

    @Test
    void chainColoursMatchFlamegraphPl() throws Exception {
        // flamegraph.pl --colors chain [--hash] on this input (the FlameGraph repository's script, 2026-12):
        // a waker frame is coloured, and keyed in palette.map, as "name_[w]".
        String folded = "sshd;read;schedule 30\nsshd;read;schedule;--;irq;wake_up 20\nbash;main 10\n";
        String byName = "all rgb(90,90,213) bash rgb(120,120,239) irq rgb(101,212,212) main rgb(126,126,243) "
                + "read rgb(136,136,252) schedule rgb(139,139,254) sshd rgb(85,85,209) wake_up rgb(56,171,171)";
        String byHash = "all rgb(140,140,255) bash rgb(105,105,226) irq rgb(90,201,201) main rgb(101,101,223) "
                + "read rgb(128,128,245) schedule rgb(122,122,240) sshd rgb(116,116,235) wake_up rgb(70,183,183)";
        assertEquals(byName, fills(SvgDoc.render(folded, TreeOptions.defaults(), SvgOptions.builder().palette(Palette.CHAIN).build())));
        assertEquals(byHash, fills(SvgDoc.render(folded, TreeOptions.defaults(),
                SvgOptions.builder().palette(Palette.CHAIN).hue(FrameColors.Hue.HASH).build())));
        PaletteMap map = PaletteMap.empty();
        SvgDoc.render(folded, TreeOptions.defaults(), SvgOptions.builder().palette(Palette.CHAIN).paletteMap(map).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        map.write(out);
        assertEquals("->rgb(90,90,213)\nbash->rgb(120,120,239)\nirq_[w]->rgb(101,212,212)\nmain->rgb(126,126,243)\n"
                + "read->rgb(136,136,252)\nschedule->rgb(139,139,254)\nsshd->rgb(85,85,209)\nwake_up_[w]->rgb(56,171,171)\n",
                out.toString(StandardCharsets.ISO_8859_1), "palette.map as flamegraph.pl --cp writes it");
    }

    /** "name fill" of every frame but the separators, sorted by name. */
    private static String fills(SvgDoc svg) {
        return svg.frames().stream().filter(b -> !b.name().equals("--")).map(b -> b.name() + " " + b.fill()).sorted()
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    @Test
    void coloursMatchFlamegraphPlForTheSameNames() throws Exception {
        // flamegraph.pl 1.0 output for SIMPLE: its default colours are drand48 seeded by the name.
        SvgDoc svg = SvgDoc.render(SIMPLE);
        assertEquals("rgb(213,39,9)", svg.frame("all").fill());
        assertEquals("rgb(243,179,42)", svg.frame("main").fill());
        assertEquals("rgb(220,71,17)", svg.frame("foo").fill());
        assertEquals("rgb(217,57,13)", svg.frame("bar").fill());
        assertEquals("rgb(215,49,11)", svg.frame("baz").fill());
    }

    @Test
    void backgroundFollowsThePaletteOrTheOption() throws Exception {
        assertTrue(SvgDoc.render(SIMPLE).text().contains("stop-color=\"#eeeeb0\""));
        assertTrue(SvgDoc.render(SIMPLE, TreeOptions.defaults(), SvgOptions.builder().palette(Palette.MEM).build()).text()
                .contains("stop-color=\"#e0ffe0\""));
        assertTrue(SvgDoc.render(SIMPLE, TreeOptions.defaults(), SvgOptions.builder().background("#123abc").build()).text()
                .contains("stop-color=\"#123abc\" offset=\"95%\""));
        assertThrows(IllegalArgumentException.class, () -> SvgOptions.builder().background("\"><script>"));
    }

    @Test
    void consistentPaletteReusesAndExtendsTheMap() throws Exception {
        PaletteMap map = PaletteMap.read(new ByteArrayInputStream("foo->rgb(1,2,3)\n".getBytes(StandardCharsets.ISO_8859_1)));
        SvgDoc svg = SvgDoc.render(SIMPLE, TreeOptions.defaults(), SvgOptions.builder().paletteMap(map).build());
        assertEquals("rgb(1,2,3)", svg.frame("foo").fill());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        map.write(out);
        assertEquals("->rgb(213,39,9)\nbar->rgb(217,57,13)\nbaz->rgb(215,49,11)\nfoo->rgb(1,2,3)\nmain->rgb(243,179,42)\n",
                out.toString(StandardCharsets.ISO_8859_1), "sorted, as flamegraph.pl writes palette.map");
    }

    @Test
    void renderingTwiceGivesTheSameBytes() throws Exception {
        byte[] folded = Files.readAllBytes(REAL_PROFILE);
        SvgOptions o = SvgOptions.builder().palette(Palette.JAVA).minWidth("0").build();
        assertArrayEquals(SvgDoc.bytes(folded, TreeOptions.defaults(), o), SvgDoc.bytes(folded, TreeOptions.defaults(), o));
        SvgOptions random = SvgOptions.builder().hue(FrameColors.Hue.RANDOM).build();
        assertFalse(java.util.Arrays.equals(SvgDoc.bytes(folded, TreeOptions.defaults(), random),
                SvgDoc.bytes(folded, TreeOptions.defaults(), random)), "--random is the exception");
    }

    @Test
    void hostileNamesStillGiveWellFormedXml() throws Exception {
        byte[] folded = ("main;a\u0000b;<script>alert(1)</script>;\u001b[31mred;q\"u'o&te;]]>;--x--;caf\u00e9 5\n").getBytes(StandardCharsets.UTF_8);
        SvgDoc svg = SvgDoc.render(folded, TreeOptions.defaults(),
                SvgOptions.builder().title("<T&\"'>\u0007").subtitle("]]>").countName("<c>").nameType("&n").notes("a -- b -").build());
        assertEquals("a\u2400b", svg.frames().get(2).name(), "NUL shown as its control picture");
        assertEquals("<script>alert(1)</script>", svg.frames().get(3).name());
        assertEquals("\u241b[31mred", svg.frames().get(4).name());
        assertEquals("q\"u'o&te", svg.frames().get(5).name());
        assertEquals("]]>", svg.frames().get(6).name());
        assertEquals("caf\u00e9", svg.frames().get(8).name());
        assertEquals("<T&\"'>\u2407", svg.byId("title").getTextContent());
        assertFalse(svg.text().contains("<script>alert"), "no markup from names");
        assertTrue(svg.text().contains("<!-- NOTES: a - - b - "), "no -- inside a comment");
    }

    @Test
    void invalidUtf8AndBinaryGarbageStayWellFormed() throws Exception {
        byte[] garbage = new byte[200_000];
        new Random(42).nextBytes(garbage);
        byte[] valid = "ok;\u00ff\u00fe\u0080bytes 3\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[garbage.length + 1 + valid.length];
        System.arraycopy(garbage, 0, all, 0, garbage.length);
        all[garbage.length] = '\n';
        System.arraycopy(valid, 0, all, garbage.length + 1, valid.length);
        SvgDoc svg = SvgDoc.render(all, TreeOptions.defaults(), SvgOptions.builder().minWidth("0").build());
        Box ok = svg.frame("ok");
        Box bytes = svg.frames().get(ok.index() + 1);
        assertEquals("\u00ff\u00fe\ufffdbytes", bytes.name(), "not UTF-8: read as ISO-8859-1, C1 controls replaced");
        assertEquals(3, bytes.samples());
    }

    @Test
    void aOneMegabyteLineIsDrawnWithItsLabelTruncated() throws Exception {
        String huge = "x".repeat(1 << 20);
        StringBuilder deep = new StringBuilder("main");
        for (int i = 0; i < 2000; i++) {
            deep.append(";f").append(i % 7);
        }
        SvgDoc svg = SvgDoc.render("main;" + huge + " 1\n" + deep + " 1\n");
        Box big = svg.frame(huge);
        assertEquals(WIDTH / 2, big.width(), 0.1);
        int chars = (int) (big.width() / (12 * 0.59));
        assertEquals(chars, big.label().length());
        assertTrue(big.label().endsWith(".."));
        assertEquals(2003, svg.frames().size(), "all, main, the huge frame and 2000 deep ones: no recursion limit");
    }

    @Test
    void labelsAreTruncatedByTheFontWidthEstimate() {
        assertEquals("", SvgRenderer.fit("function", 2));
        assertEquals("f..", SvgRenderer.fit("function", 3));
        assertEquals("func..", SvgRenderer.fit("function", 6));
        assertEquals("function", SvgRenderer.fit("function", 8));
        assertEquals("a..", SvgRenderer.fit("a\ud83d\udd25bc", 4), "never splits a surrogate pair");
    }

    @Test
    void nameAttributesBecomeAttributesLinksAndTitles() throws Exception {
        NameAttributes attrs = NameAttributes.read(new ByteArrayInputStream(
                ("bar\ttitle=custom <t>\thref=https://x/?a=1&b=2\tclass=hot\tid=bar1\tonclick=alert(1)\n"
                        + "baz\thref=javascript:alert(1)\n").getBytes(StandardCharsets.ISO_8859_1)));
        SvgDoc svg = SvgDoc.render(SIMPLE, TreeOptions.defaults(), SvgOptions.builder().nameAttributes(attrs).build());
        Box bar = svg.frames().stream().filter(b -> b.title().equals("custom <t>")).findFirst().orElseThrow();
        assertEquals("frame hot", bar.g().getAttribute("class"));
        assertEquals("bar1", bar.g().getAttribute("id"));
        assertEquals("bar", bar.g().getAttribute("data-name"), "the script still knows the name");
        assertEquals("5", bar.g().getAttribute("data-samples"));
        assertEquals("", bar.g().getAttribute("onclick"), "no event handlers from a file");
        assertTrue(svg.text().contains("xlink:href=\"https://x/?a=1&amp;b=2\" target=\"_top\""));
        assertFalse(svg.text().contains("javascript:"));
    }

    @Test
    void otherEncodingsUseCharacterReferencesForWhatTheyCannotEncode() throws Exception {
        byte[] folded = "caf\u00e9;\u4e2d 3\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = SvgDoc.bytes(folded, TreeOptions.defaults(), SvgOptions.builder().encoding(StandardCharsets.ISO_8859_1).build());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\""));
        assertTrue(text.contains("&#x4e2d;"));
        SvgDoc svg = SvgDoc.parse(bytes);
        assertEquals("\u4e2d", svg.frames().get(2).name());
        assertEquals("caf\u00e9", svg.frames().get(1).name());
        SvgDoc utf16 = SvgDoc.parse(SvgDoc.bytes(folded, TreeOptions.defaults(), SvgOptions.builder().encoding(StandardCharsets.UTF_16).build()));
        assertEquals("\u4e2d", utf16.frames().get(2).name());
    }

    @Test
    void theScriptContractIsInPlace() throws Exception {
        SvgDoc svg = SvgDoc.render(SIMPLE);
        for (String id : List.of("frames", "details", "matched", "search", "reset", "ignorecase", "title")) {
            assertNotNull(svg.byId(id), id);
        }
        assertEquals("hide", svg.byId("reset").getAttribute("class"));
        assertEquals("hide", svg.byId("matched").getAttribute("class"), "hidden until a search, as after one is cleared");
        String text = svg.text();
        assertTrue(text.contains("window.flamegraph = {"));
        assertFalse(text.contains("http://") && text.contains("fetch("), "no outside fetch");
        for (Box b : svg.frames()) {
            assertEquals("frame", b.g().getAttribute("class"));
            assertEquals("title", ((org.w3c.dom.Element) b.g().getFirstChild()).getLocalName(), "title first: the tooltip");
        }
        assertNull(svg.byId("subtitle"), "no subtitle unless asked or differential");
    }

    @Test
    void labelsAreOmittedWhereTheyDoNotFit() throws Exception {
        SvgDoc svg = SvgDoc.render("a;wide 990\na;narrow 10\n");
        assertEquals("narrow", svg.frame("narrow").name());
        assertEquals("", svg.frame("narrow").label(), "11.8 px: no room for 3 characters");
        long texts = Stream.of(svg.text().split("\n")).filter(l -> l.contains("<title>narrow")).filter(l -> l.contains("<text")).count();
        assertEquals(0, texts, "no empty <text> elements in a big graph");
    }

    private static int[] rgb(String fill) {
        Matcher m = Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)").matcher(fill);
        assertTrue(m.matches(), fill);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    private static boolean red(String fill) {
        int[] c = rgb(fill);
        return c[0] == 255 && c[1] == c[2] && c[1] < 255;
    }

    private static boolean blue(String fill) {
        int[] c = rgb(fill);
        return c[2] == 255 && c[0] == c[1] && c[0] < 255;
    }

    private static boolean green(String fill) {
        int[] c = rgb(fill);
        return c[1] >= 200 && c[0] == c[2] && c[0] <= 109;
    }
}
