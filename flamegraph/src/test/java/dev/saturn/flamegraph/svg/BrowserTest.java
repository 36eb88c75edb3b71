package dev.saturn.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.svg.SvgDoc.Box;
import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.perf.PerfScriptParser;
import dev.saturn.flamegraph.tree.TreeOptions;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Slowdown;
import dev.saturn.testsupport.WebDriverClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SVG's script in a real browser: headless Chromium driven through chromedriver's W3C WebDriver API
 * ({@link WebDriverClient}, JDK only). Needs the Debian packages chromium and chromium-driver: skipped without them,
 * failed in CI.
 */
class BrowserTest {

    /**
     * foo is its own descendant (main;foo;bar;foo), so a search for fo+ must count that stack once; Foo only
     * matches ignoring case.
     */
    private static final String FOLDED = """
            main;foo;bar;foo;baz 4
            main;foo;qux 3
            main;Foo;bar 2
            main;other 5
            main;fooo 1
            start;zap 2
            """;
    private static final String REGEX = "fo+";
    /** A real profile of our own (async-profiler collapsed output, see resources/folded/README.md). */
    private static final Path OWN_PROFILE = Path.of("src/test/resources/folded/async-profiler-cpu-ann.collapsed");
    /** The script as written, which the build turns into {@link FlamegraphScript#TEXT}. */
    private static final Path SCRIPT_SOURCE = Path.of("src/main/js/flamegraph.js");
    private static final Pattern MATCHED = Pattern.compile("Matched: ([0-9.]+)%");

    @TempDir
    static Path tmp;
    private static WebDriverClient browser;
    private static SvgDoc svg;
    private static String url;

    @BeforeAll
    static void startBrowser() throws Exception {
        Path chromium = Needs.tool("chromium");
        Path chromedriver = Needs.tool("chromedriver");
        svg = SvgDoc.render(FOLDED);
        Path file = tmp.resolve("small.svg");
        Files.write(file, svg.bytes());
        url = file.toUri().toString();
        Path profile = Files.createDirectory(tmp.resolve("chromium-profile"));
        browser = WebDriverClient.start(chromedriver, chromium, profile, tmp.resolve("chromedriver.log"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    // ---- 0. the script's source ------------------------------------------------------------------------------

    @Test
    void theScriptSourceParsesInTheBrowser() throws Exception {
        browser.navigate("about:blank");
        Object error = browser.execute("try { new Function(arguments[0]); return null; } catch (e) { return String(e); }",
                Files.readString(SCRIPT_SOURCE, StandardCharsets.UTF_8));
        assertNull(error, SCRIPT_SOURCE + " does not parse");
    }

    // ---- 1. search -------------------------------------------------------------------------------------------

    @Test
    void searchHighlightsTheMatchingFramesAndCountsNestedMatchesOnce() throws Exception {
        load("");
        assertNoMatchedShown();

        double expected = expectedPercent(Pattern.compile(REGEX));
        assertEquals(100.0 * 8 / 17, expected, 1e-9, "the oracle itself: stacks 1, 2 and 5 of 17 samples");
        Object returned = browser.execute("return window.flamegraph.search(arguments[0]);", REGEX);
        assertEquals(expected, ((Number) returned).doubleValue(), 1e-9);
        assertSearchShown(Pattern.compile(REGEX), expected);
        assertEquals("rgb(230, 0, 230)", browser.execute(
                "return getComputedStyle(document.querySelector('#frames > g.match rect')).fill;"), "hits are drawn magenta");
        assertTrue(browser.currentUrl().endsWith("#s=fo%2B"), browser.currentUrl());

        // A fresh load of the URL a user would bookmark or share.
        load("#s=fo%2B");
        assertSearchShown(Pattern.compile(REGEX), expected);
        assertEquals(expected, ((Number) browser.execute("return window.flamegraph.matchedPercent();")).doubleValue(), 1e-9);

        browser.execute("window.flamegraph.resetSearch();");
        assertEquals(List.of(), matchIndexes());
        assertNoMatchedShown();
    }

    @Test
    void anInvalidRegexClearsThePreviousSearch() throws Exception {
        load("");
        browser.execute("window.flamegraph.search(arguments[0]);", REGEX);
        assertSearchShown(Pattern.compile(REGEX), expectedPercent(Pattern.compile(REGEX)));

        // As a user types it: Ctrl-F, then an unbalanced group in the prompt.
        browser.execute("window.prompt = function () { return 'fo('; };"
                + "window.dispatchEvent(new KeyboardEvent('keydown', {key: 'f', ctrlKey: true}));");
        assertEquals(List.of(), matchIndexes(), "the previous hits are cleared");
        assertEquals("Search", browser.execute("return document.getElementById('search').textContent;"));
        assertEquals(Boolean.FALSE, browser.execute("return document.getElementById('search').classList.contains('show');"));
        assertEquals("Invalid regular expression: fo(", browser.execute("return document.getElementById('matched').textContent;"));
        assertNull(browser.execute("return window.flamegraph.matchedPercent();"));
        assertFalse(browser.currentUrl().contains("s="), browser.currentUrl());
    }

    // ---- 2. ignore case --------------------------------------------------------------------------------------

    @Test
    void ignoreCaseWidensTheMatchSet() throws Exception {
        Pattern cs = Pattern.compile(REGEX);
        Pattern ci = Pattern.compile(REGEX, Pattern.CASE_INSENSITIVE);
        double exact = expectedPercent(cs);
        double anyCase = expectedPercent(ci);
        assertEquals(100.0 * 10 / 17, anyCase, 1e-9, "the oracle: main;Foo;bar adds 2 samples");

        load("");
        browser.execute("window.flamegraph.search(arguments[0]);", REGEX);
        assertSearchShown(cs, exact);

        browser.click(browser.find("#ignorecase")); // the "ic" button
        assertEquals(Boolean.TRUE, browser.execute("return window.flamegraph.ignoreCase();"));
        assertEquals(Boolean.TRUE, browser.execute("return document.getElementById('ignorecase').classList.contains('show');"));
        assertSearchShown(ci, anyCase);
        assertTrue(browser.currentUrl().endsWith("#s=fo%2B&i=1"), browser.currentUrl());

        browser.execute("window.flamegraph.ignoreCase(false);");
        assertSearchShown(cs, exact);

        load("#s=fo%2B&i=1");
        assertEquals(Boolean.TRUE, browser.execute("return window.flamegraph.ignoreCase();"));
        assertSearchShown(ci, anyCase);
    }

    // ---- 3. click to zoom, Reset Zoom ------------------------------------------------------------------------

    @Test
    void clickingAFrameZoomsToItsSubtreeAndResetZoomRestoresTheGraph() throws Exception {
        load("");
        Box foo = svg.all("foo").get(0);
        assertEquals(2, svg.depth(foo), "main;foo");
        double width = Double.parseDouble(svg.byId("frames").getAttribute("data-width"));
        double xpad = Double.parseDouble(svg.byId("frames").getAttribute("data-xpad"));
        double full = width - 2 * xpad;
        assertTrue(foo.width() < full - 100, "foo is not already full width");
        assertFalse(browser.displayed(browser.find("#reset")));

        Map<String, Object> g = WebDriverClient.ref((Map<?, ?>) browser.execute(
                "return window.flamegraph.frames()[arguments[0]];", foo.index()));
        browser.click(g);

        assertEquals((long) foo.index(), browser.execute(
                "return window.flamegraph.frames().indexOf(window.flamegraph.zoomed());"));
        List<Geometry> zoomed = geometry();
        Geometry z = zoomed.get(foo.index());
        assertEquals(xpad, z.x, 1, "zoomed frame starts at xpad");
        assertEquals(full, z.width, 1, "zoomed frame spans the width");
        assertEquals(full, z.screenWidth, 1, "and is drawn that wide");

        Set<Integer> ancestors = new TreeSet<>();
        for (Box p = svg.parentOf(foo); p != null; p = svg.parentOf(p)) {
            ancestors.add(p.index());
        }
        Set<Integer> subtree = new TreeSet<>();
        for (int i = foo.index(); i < svg.frames().size(); i++) {
            if (i > foo.index() && svg.depth(svg.frames().get(i)) <= svg.depth(foo)) {
                break;
            }
            subtree.add(i);
        }
        assertEquals(Set.of(0, 1), ancestors, "all, main");
        assertEquals(5, subtree.size(), "foo, bar, foo, baz, qux: " + subtree);
        Set<Integer> expectedVisible = new TreeSet<>(ancestors);
        expectedVisible.addAll(subtree);
        Set<Integer> visible = new TreeSet<>();
        double ratio = full / foo.width();
        for (int i = 0; i < zoomed.size(); i++) {
            Geometry gi = zoomed.get(i);
            if (gi.displayed) {
                visible.add(i);
            }
            Box b = svg.frames().get(i);
            if (ancestors.contains(i)) {
                assertEquals(xpad, gi.x, 1, b.name());
                assertEquals(full, gi.width, 1, b.name());
            } else if (subtree.contains(i)) {
                assertEquals(xpad + (b.x() - foo.x()) * ratio, gi.x, 1, b.name());
                assertEquals(b.width() * ratio, gi.width, 1, b.name());
            }
        }
        assertEquals(expectedVisible, visible, "only the subtree and its ancestors are shown");
        assertTrue(browser.displayed(browser.find("#reset")), "Reset Zoom is shown");
        assertTrue(browser.currentUrl().endsWith("#z=" + foo.index()), browser.currentUrl());

        browser.click(browser.find("#reset"));
        assertNull(browser.execute("return window.flamegraph.zoomed();"));
        assertFalse(browser.displayed(browser.find("#reset")), "Reset Zoom is hidden again");
        List<Geometry> restored = geometry();
        for (int i = 0; i < restored.size(); i++) {
            Box b = svg.frames().get(i);
            Geometry r = restored.get(i);
            assertTrue(r.displayed, b.name());
            assertEquals(b.x(), r.x, 1e-9, b.name());
            assertEquals(b.width(), r.width, 1e-9, b.name());
            assertEquals(b.label(), r.label, b.name());
        }
    }

    // ---- 3b. labels after a zoom ------------------------------------------------------------------------------

    /**
     * After a zoom every label is what flamegraph.pl's update_text makes of the name in the same browser
     * and font: measured text, not the renderer's average-width estimate. On our own profile always, and
     * on the FlameGraph repository's example perf profile when $SATURN_SHARED holds it.
     */
    @Test
    void labelsAfterAZoomAreMeasuredAsFlamegraphPlMeasuresThem() throws Exception {
        zoomedLabelsMatchFlamegraphPlsRule("async-profiler-cpu-ann", Files.readAllBytes(OWN_PROFILE));
        Path example = shared().resolve("testdata/flamegraph/bench/example-perf-stacks.txt");
        if (Files.isRegularFile(example)) {
            FoldedStacks stacks = new FoldedStacks();
            try (InputStream in = Files.newInputStream(example)) {
                new PerfScriptParser(PerfCollapseOptions.defaults(), w -> { }).parse(in, stacks);
            }
            ByteArrayOutputStream folded = new ByteArrayOutputStream();
            stacks.writeTo(folded);
            zoomedLabelsMatchFlamegraphPlsRule("example-perf-stacks", folded.toByteArray());
        } else {
            System.out.println("SKIPPED (part): zoomed labels of " + example + ": set SATURN_SHARED to the shared/ folder");
        }
        assertTrue(((String) browser.execute("return getComputedStyle(document.querySelector('#frames text')).fontFamily;"))
                .endsWith("sans-serif"), "a sans-serif fallback for a missing Verdana");
    }

    private static void zoomedLabelsMatchFlamegraphPlsRule(String what, byte[] folded) throws Exception {
        byte[] bytes = SvgDoc.bytes(folded, TreeOptions.defaults(), SvgOptions.defaults());
        SvgDoc doc = SvgDoc.parse(bytes);
        Path file = tmp.resolve(what + ".svg");
        Files.write(file, bytes);
        browser.navigate("about:blank");
        browser.navigate(file.toUri().toString());

        // The zoom: the frame below the top two rows with the most frames under it, a third of the width at most.
        List<Box> frames = doc.frames();
        int[] depth = new int[frames.size()];
        int[] size = new int[frames.size()];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            depth[i] = doc.depth(frames.get(i));
            while (!open.isEmpty() && depth[open.get(open.size() - 1)] >= depth[i]) {
                open.remove(open.size() - 1);
            }
            for (int o : open) {
                size[o]++;
            }
            open.add(i);
        }
        int target = -1;
        for (int i = 1; i < frames.size(); i++) {
            if (depth[i] >= 2 && frames.get(i).width() <= frames.get(0).width() / 3 && (target < 0 || size[i] > size[target])) {
                target = i;
            }
        }
        assertTrue(target > 0 && size[target] > 20, what + ": a frame worth zooming");
        browser.execute("window.flamegraph.zoom(arguments[0]);", target);

        List<?> shown = (List<?>) browser.execute(
                "var svgns = 'http://www.w3.org/2000/svg', scratch = document.createElementNS(svgns, 'text');"
                + "document.documentElement.appendChild(scratch);"
                + "var f = document.getElementById('frames');"
                + "var avg = parseFloat(f.getAttribute('data-fontsize')) * parseFloat(f.getAttribute('data-fontwidth'));"
                // flamegraph.pl's update_text, as it is, on its text: the title less the parenthesis, "name "
                + "function updateText(name, width) {"
                + "  var w = width - 3;"
                + "  var txt = name + ' ';"
                + "  if (w < 2 * avg) return '';"
                + "  scratch.textContent = txt;"
                + "  var sl = scratch.getSubStringLength(0, txt.length);"
                + "  if (/^ *$/.test(txt) || sl < w) return txt;"
                + "  var start = Math.floor((w / sl) * txt.length);"
                + "  for (var x = start; x > 0; x = x - 2) {"
                + "    if (scratch.getSubStringLength(0, x + 2) <= w) return txt.substring(0, x) + '..';"
                + "  }"
                + "  return '';"
                + "}"
                + "var names = arguments[0], out = [];"
                + "window.flamegraph.frames().forEach(function (g, i) {"
                + "  if (getComputedStyle(g).display === 'none') return;"
                + "  var r = g.querySelector('rect'), t = g.querySelector('text'), width = parseFloat(r.getAttribute('width'));"
                + "  out.push([i, t ? t.textContent : '', updateText(names[i], width), width]);"
                + "});"
                + "scratch.remove();"
                // a typed frame's label is its data-name: its title adds the type ("name (JIT compiled) (...)")
                + "return out;", frames.stream().map(b -> b.g().hasAttribute("data-name") ? b.g().getAttribute("data-name") : b.name()).toList());

        int ours = 0;
        int estimated = 0;
        List<String> differ = new ArrayList<>();
        for (Object o : shown) {
            List<?> f = (List<?>) o;
            String label = (String) f.get(1);
            String reference = ((String) f.get(2)).replaceFirst(" $", "");  // the space it measures is not seen
            ours += label.length();
            estimated += SvgRenderer.fit(frames.get(((Number) f.get(0)).intValue()).name(),
                    (int) (((Number) f.get(3)).doubleValue() / (12 * 0.59))).length();
            if (!label.equals(reference)) {
                differ.add(f.get(0) + ": '" + label + "' where flamegraph.pl's rule gives '" + reference + "'");
            }
        }
        System.out.printf(Locale.ROOT, "BrowserTest: zoom to %s in %s: %d frames shown, %d visible label characters "
                + "(the average-width estimate would show %d)%n", frames.get(target).name(), what, shown.size(), ours, estimated);
        assertEquals(List.of(), differ.subList(0, Math.min(differ.size(), 10)), what + ": " + differ.size() + " labels differ");
        assertTrue(size[target] + 1 + depth[target] <= shown.size(), "the subtree and its ancestors are shown");

        String script = System.getenv("FLAMEGRAPH_PL");
        if (script == null || !Files.isRegularFile(Path.of(script))) {
            System.out.println("SKIPPED (part): the same zoom in flamegraph.pl's own SVG: set FLAMEGRAPH_PL to its flamegraph.pl");
            return;
        }
        // flamegraph.pl's SVG of the same stacks, in the same font (its default has no fallback), zoomed to the same frame
        Path in = tmp.resolve(what + ".folded");
        Files.write(in, folded);
        Path theirs = tmp.resolve(what + "-flamegraph-pl.svg");
        Process p = new ProcessBuilder("perl", script, "--fonttype", "Verdana, sans-serif", in.toString())
                .redirectOutput(theirs.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, p.waitFor(), "flamegraph.pl ran");
        browser.navigate("about:blank");
        browser.navigate(theirs.toUri().toString());
        Box t = frames.get(target);
        Number visible = (Number) browser.execute(
                "var name = arguments[0], x = arguments[1], y = arguments[2], gs = document.getElementById('frames').children;"
                + "for (var i = 0; i < gs.length; i++) {"
                + "  var r = gs[i].querySelector('rect');"
                + "  if (gs[i].querySelector('title').textContent.indexOf(name + ' (') === 0"
                + "      && parseFloat(r.getAttribute('x')) === x && parseFloat(r.getAttribute('y')) === y) { zoom(gs[i]); break; }"
                + "}"
                + "var n = 0;"
                + "for (var j = 0; j < gs.length; j++) {"
                + "  var text = gs[j].querySelector('text');"
                + "  if (!gs[j].classList.contains('hide') && text) n += text.textContent.replace(/ +$/, '').length;"
                + "}"
                + "return i < gs.length ? n : -1;", t.name(), t.x(), t.y());
        System.out.printf(Locale.ROOT, "BrowserTest: the same zoom in flamegraph.pl's SVG: %d visible label characters%n", visible.intValue());
        assertTrue(visible.intValue() > 0, "flamegraph.pl's SVG has the frame");
        assertEquals(visible.intValue(), ours, what + ": visible label characters, flamegraph.pl's and ours");
    }


    /** $SATURN_SHARED, else the build's default for it (see the root pom), else ../shared. */
    private static Path shared() {
        for (String name : List.of("SATURN_SHARED", "SATURN_SHARED_DEFAULT")) {
            String dir = System.getenv(name);
            if (dir != null && !dir.isEmpty()) {
                return Path.of(dir);
            }
        }
        return Path.of("../shared");
    }

    // ---- 4. a large graph ------------------------------------------------------------------------------------

    @Test
    void aHundredThousandFrameGraphOpensWithoutPerFrameWork() throws Exception {
        StringBuilder folded = new StringBuilder(4 << 20);
        Random random = new Random(42);
        for (int i = 0; i < 16_000; i++) {
            folded.append("thread-").append(i % 20);
            int depth = 5 + random.nextInt(6);
            for (int k = 1; k < depth; k++) {
                folded.append(';').append("pkg.Class").append(i).append(".method").append(k);
            }
            folded.append(' ').append(1 + random.nextInt(100)).append('\n');
        }
        long r0 = System.nanoTime();
        byte[] bytes = SvgDoc.bytes(folded.toString().getBytes(StandardCharsets.UTF_8), TreeOptions.defaults(),
                SvgOptions.builder().minWidth("0").build());
        long renderMs = (System.nanoTime() - r0) / 1_000_000;
        int frames = count(new String(bytes, StandardCharsets.ISO_8859_1), "<g class=\"frame");
        assertTrue(frames >= 100_000, "frames: " + frames);
        Path file = tmp.resolve("large.svg");
        Files.write(file, bytes);
        double mb = bytes.length / 1e6;

        double slowdown = Slowdown.now();
        browser.navigate("about:blank");
        long n0 = System.nanoTime();
        browser.navigate(file.toUri().toString()); // returns after the load event
        long navigateMs = (System.nanoTime() - n0) / 1_000_000;
        List<?> t = (List<?>) browser.execute("var t = performance.timing; return [t.navigationStart, t.responseEnd, "
                + "t.domInteractive, t.domContentLoadedEventEnd, t.loadEventEnd, typeof window.flamegraph];");
        long start = num(t.get(0));
        long loaded = num(t.get(4)) - start;
        assertEquals("object", t.get(5), "window.flamegraph is ready at load");
        Object painted = browser.executeAsync("var done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(function () { setTimeout(function () { done(performance.now()); }, 0); });");
        List<?> search = (List<?>) browser.execute("var t0 = performance.now(); var p = window.flamegraph.search('^pkg\\\\.Class1\\\\.');"
                + "return [performance.now() - t0, p, window.flamegraph.frames().length, "
                + "document.querySelectorAll('#frames > g.frame.match').length];");
        // A zoom measures its labels, which lays the document out at once: timed until the next paint,
        // which includes the layout a zoom that does not measure leaves to the browser.
        List<?> zoom = (List<?>) browser.executeAsync("var done = arguments[arguments.length - 1];"
                + "var t0 = performance.now(); window.flamegraph.zoom(1);"
                + "requestAnimationFrame(function () { setTimeout(function () {"
                + "  var z = performance.now() - t0; t0 = performance.now(); window.flamegraph.reset();"
                + "  done([z, performance.now() - t0]); }, 0); });");

        System.out.printf(Locale.ROOT, "BrowserTest: %,d frames, %.1f MB of SVG (rendered in %d ms); in %s: "
                        + "response end %d ms, DOM interactive (script run) %d ms, DOMContentLoaded %d ms, load event end %d ms, "
                        + "first frame painted %.0f ms after navigation start; WebDriver navigate %d ms; "
                        + "first search %.0f ms, zoom %.0f ms (until painted), reset %.0f ms%n",
                frames, mb, renderMs, browser.execute("return navigator.userAgent.match(/Chrom[a-z]*\\/[0-9.]+/)[0];"),
                num(t.get(1)) - start, num(t.get(2)) - start, num(t.get(3)) - start, loaded,
                ((Number) painted).doubleValue(), navigateMs,
                ((Number) search.get(0)).doubleValue(), ((Number) zoom.get(0)).doubleValue(), ((Number) zoom.get(1)).doubleValue());

        // The script's own work on load, timed by two scripts around it in a copy of the file.
        String text = new String(bytes, StandardCharsets.UTF_8);
        int open = text.indexOf("<script");
        int close = text.indexOf("</script>", open) + "</script>".length();
        assertTrue(open > 0 && close > open && text.indexOf("<script", close) < 0, "one script");
        Path timed = tmp.resolve("large-timed.svg");
        Files.writeString(timed, text.substring(0, open) + "<script><![CDATA[window.t0 = performance.now();]]></script>"
                + text.substring(open, close) + "<script><![CDATA[window.t1 = performance.now();]]></script>"
                + text.substring(close), StandardCharsets.UTF_8);
        browser.navigate("about:blank");
        browser.navigate(timed.toUri().toString());
        double scriptMs = ((Number) browser.execute("return window.t1 - window.t0;")).doubleValue();
        // wall-time bounds, stretched by how much slower than its CPU time work runs here now (1 when idle)
        slowdown = Math.max(slowdown, Slowdown.now());
        System.out.printf(Locale.ROOT, "BrowserTest: the embedded script's work on load: %.1f ms; slowdown %.2f%n", scriptMs, slowdown);

        assertEquals((long) frames, search.get(2), "the browser sees every frame");
        assertTrue(scriptMs < 250 * slowdown, "the script does no per-frame work on load: " + scriptMs + " ms, slowdown " + slowdown);
        assertTrue(((Number) search.get(3)).longValue() > 0, "the search found Class1's frames");
        // Mostly Chromium parsing the XML; the script-time check above is what shows no per-frame work.
        assertTrue(loaded < 30_000 * slowdown, "load event " + loaded + " ms after navigation start, slowdown " + slowdown);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A fresh document load (about:blank first, so that a fragment-only change cannot skip the load). */
    private static void load(String fragment) throws Exception {
        browser.navigate("about:blank");
        browser.navigate(url + fragment);
        assertEquals("object", browser.execute("return typeof window.flamegraph;"));
    }

    /** The oracle, from the input alone: the share of samples in stacks with a matching frame (each stack once). */
    private static double expectedPercent(Pattern p) {
        double total = 0;
        double hit = 0;
        for (String line : FOLDED.split("\n")) {
            int sp = line.lastIndexOf(' ');
            double n = Double.parseDouble(line.substring(sp + 1));
            total += n;
            for (String f : line.substring(0, sp).split(";")) {
                if (p.matcher(f).find()) {
                    hit += n;
                    break;
                }
            }
        }
        return 100 * hit / total;
    }

    /**
     * Nothing reads "Matched:": #matched is hidden or blank (as rendered it holds a space and the hide class,
     * as after resetSearch()).
     */
    private static void assertNoMatchedShown() throws Exception {
        String text = (String) browser.execute("return document.getElementById('matched').textContent;");
        assertTrue(!browser.displayed(browser.find("#matched")) || text.isBlank(), "#matched shows '" + text + "'");
    }

    /** #matched shows the expected percentage and exactly the frames whose name matches are highlighted. */
    private static void assertSearchShown(Pattern p, double expected) throws Exception {
        assertTrue(browser.displayed(browser.find("#matched")), "Matched: is shown");
        String text = (String) browser.execute("return document.getElementById('matched').textContent;");
        Matcher m = MATCHED.matcher(text);
        assertTrue(m.matches(), text);
        assertEquals(expected, Double.parseDouble(m.group(1)), 0.05, text);
        assertEquals(String.format(Locale.ROOT, "Matched: %.1f%%", expected), text);
        List<Integer> want = new ArrayList<>();
        for (Box b : svg.frames()) {
            if (p.matcher(b.name()).find()) {
                want.add(b.index());
            }
        }
        assertFalse(want.isEmpty());
        assertEquals(want, matchIndexes(), "highlighted frames for " + p + " (flags " + p.flags() + ")");
        assertEquals("Reset Search", browser.execute("return document.getElementById('search').textContent;"));
    }

    private static List<Integer> matchIndexes() throws Exception {
        List<?> l = (List<?>) browser.execute("return window.flamegraph.frames().map(function (g, i) {"
                + " return g.classList.contains('match') ? i : -1; }).filter(function (i) { return i >= 0; });");
        return l.stream().map(o -> ((Number) o).intValue()).toList();
    }

    private record Geometry(double x, double width, double screenWidth, boolean displayed, String label) {
    }

    /** Per frame: the rect's x and width attributes, its drawn width, whether the frame is shown, its label. */
    private static List<Geometry> geometry() throws Exception {
        List<?> l = (List<?>) browser.execute("return window.flamegraph.frames().map(function (g) {"
                + " var r = g.querySelector('rect'), t = g.querySelector('text');"
                + " return [parseFloat(r.getAttribute('x')), parseFloat(r.getAttribute('width')),"
                + " r.getBoundingClientRect().width, getComputedStyle(g).display !== 'none', t ? t.textContent : '']; });");
        List<Geometry> out = new ArrayList<>();
        for (Object o : l) {
            List<?> a = (List<?>) o;
            out.add(new Geometry(((Number) a.get(0)).doubleValue(), ((Number) a.get(1)).doubleValue(),
                    ((Number) a.get(2)).doubleValue(), (Boolean) a.get(3), (String) a.get(4)));
        }
        return out;
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
