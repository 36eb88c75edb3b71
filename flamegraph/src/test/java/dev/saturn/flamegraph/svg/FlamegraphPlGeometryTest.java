package dev.saturn.flamegraph.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.svg.SvgDoc.Box;
import dev.saturn.flamegraph.tree.TreeOptions;
import dev.saturn.testkit.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Differential geometry against flamegraph.pl's: every frame's x and width within 0.15 px, and the
 * same frames drawn (a frame only in the first column has no width there, so it is not drawn). The
 * recorded case needs nothing; the live one runs flamegraph.pl when FLAMEGRAPH_PL names the script.
 */
class FlamegraphPlGeometryTest {
    private static final Path INPUT = Path.of("src/test/resources/folded/differential.folded");
    private static final Path RECORDED = Path.of("src/test/resources/folded/differential-flamegraph-pl.geom");
    private static final Pattern FRAME = Pattern.compile("<title>([^ <]*) [^<]*</title><rect x=\"([^\"]*)\" y=\"[^\"]*\" width=\"([^\"]*)\"");
    private static final double TOLERANCE = 0.15;

    @Test
    void differentialFramesSitWhereFlamegraphPlPutsThem() throws Exception {
        Map<String, double[]> expected = new TreeMap<>();
        for (String line : Files.readAllLines(RECORDED)) {
            if (!line.startsWith("#")) {
                String[] f = line.split(" ");
                expected.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        }
        assertSameGeometry(expected, Files.readAllBytes(INPUT), "recorded");
    }

    /** Random differential profiles through flamegraph.pl itself, when FLAMEGRAPH_PL points at it. */
    @Test
    void randomDifferentialsMatchALiveFlamegraphPl() throws Exception {
        String script = System.getenv("FLAMEGRAPH_PL");
        // No package ships flamegraph.pl, so CI cannot install it: the recorded geometry above stands in for it there.
        Needs.machine(script != null && Files.isRegularFile(Path.of(script)),
                "live flamegraph.pl comparison: set FLAMEGRAPH_PL to brendangregg/FlameGraph's flamegraph.pl");
        Random r = new Random(3);
        for (int round = 0; round < 10; round++) {
            byte[] folded = randomDifferential(r);
            Path in = Files.createTempFile("diff", ".folded");
            try {
                Files.write(in, folded);
                Process p = new ProcessBuilder("perl", script, in.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                byte[] svg = p.getInputStream().readAllBytes();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "flamegraph.pl finished");
                Map<String, double[]> expected = new TreeMap<>();
                Matcher m = FRAME.matcher(new String(svg, StandardCharsets.UTF_8));
                while (m.find()) {
                    expected.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
                }
                assertSameGeometry(expected, folded, "round " + round + ":\n" + new String(folded, StandardCharsets.UTF_8));
            } finally {
                Files.delete(in);
            }
        }
    }

    /**
     * Each name is its path ("a", "ab", "abc"), so that names are unique: flamegraph.pl keys a frame by
     * name, depth and end time, and a vanished frame that shared all three with a drawn one would
     * overwrite it there.
     */
    private static byte[] randomDifferential(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            StringBuilder stack = new StringBuilder();
            String name = "";
            for (int d = 0, n = 1 + r.nextInt(4); d < n; d++) {
                name += (char) ('a' + r.nextInt(3));
                stack.append(d == 0 ? "" : ";").append(name);
            }
            int before = r.nextInt(4) == 0 ? 0 : r.nextInt(50);
            int after = r.nextInt(4) == 0 ? 0 : r.nextInt(50);
            b.append(stack).append(' ').append(before).append(' ').append(after).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertSameGeometry(Map<String, double[]> expected, byte[] folded, String what) throws Exception {
        SvgDoc svg = SvgDoc.render(folded, TreeOptions.defaults(), SvgOptions.defaults());
        List<String> ours = new ArrayList<>(svg.names());
        ours.sort(null);
        assertEquals(new ArrayList<>(expected.keySet()), ours, what + ": the frames drawn");
        for (Box b : svg.frames()) {
            double[] xw = expected.get(b.name());
            assertEquals(xw[0], b.x(), TOLERANCE, what + ": x of " + b.name());
            assertEquals(xw[1], b.width(), TOLERANCE, what + ": width of " + b.name());
        }
    }
}
