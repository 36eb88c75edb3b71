package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * speedscope out, read by speedscope's own importer (the npm package, installed under target/ on first use)
 * under node: the same total, and per frame the same self and total values as the folded input.
 */
class SpeedscopeTest {
    /** The version whose bundle the reading script opens; another may name its loader differently. */
    private static final String SPEEDSCOPE = "speedscope@1.25.0";
    private static final Path REAL_PROFILE = Path.of("../flamegraph/src/test/resources/folded/async-profiler-cpu-ann.collapsed");

    @TempDir
    Path dir;

    /** What speedscope found in a file: its total, unit and name, and each frame's self and total. */
    private record Imported(double total, String unit, String name, Map<String, FunctionValues.Values> frames) {
    }

    @Test
    void speedscopeReadsTheSameTotalsAsTheFoldedInput() throws Exception {
        Path out = dir.resolve("real.speedscope.json");
        CliRun run = CliRun.of("flamegraph", REAL_PROFILE.toString(), "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        Imported imported = read(out);
        Map<String, FunctionValues.Values> expected = FunctionValues.of(FunctionValues.folded(Files.readString(REAL_PROFILE)));
        long total = expected.values().stream().mapToLong(FunctionValues.Values::flat).sum();
        assertEquals(total, imported.total());
        assertEquals("none", imported.unit());
        assertEquals(REAL_PROFILE.toString(), imported.name());
        assertEquals(expected, imported.frames());
    }

    @Test
    void countNamesBecomeSpeedscopeUnitsAndTitlesItsName() throws Exception {
        Path folded = Files.writeString(dir.resolve("off.folded"), "main;read 1500\nmain;poll 500\nmain;read;read 7\n");
        Path out = dir.resolve("off.json");
        CliRun run = CliRun.of("flamegraph", "--format", "speedscope", "--countname", "us", "--title", "off-CPU",
                folded.toString(), "-o", out.toString());
        assertEquals(0, run.exit(), run.err());
        Imported imported = read(out);
        assertEquals(new Imported(2007, "microseconds", "off-CPU", Map.of(
                "main", new FunctionValues.Values(0, 2007),
                "read", new FunctionValues.Values(1507, 1507),
                "poll", new FunctionValues.Values(500, 500))), new Imported(imported.total(), imported.unit(), imported.name(),
                new TreeMap<>(imported.frames())));
    }

    @Test
    void aDifferentialProfileIsNotWrittenAsSpeedscope() throws Exception {
        Path diff = Files.writeString(dir.resolve("d.folded"), "main;a 1 3\n");
        CliRun run = CliRun.failing("flamegraph", diff.toString(), "-o", dir.resolve("d.speedscope.json").toString());
        assertTrue(run.err().contains("differential"), run.err());
    }

    /** speedscope's importer's view of {@code file}. */
    private Imported read(Path file) throws IOException, InterruptedException {
        Path release = speedscope().resolve("node_modules/speedscope/dist/release");
        Path script = dir.resolve("totals.mjs");
        try (InputStream in = SpeedscopeTest.class.getResourceAsStream("/speedscope/totals.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        String out = run(List.of(Needs.tool("node").toString(), script.toString(), release.toString(), file.toString()), dir);
        double total = -1;
        String unit = null;
        String name = null;
        Map<String, FunctionValues.Values> frames = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", 4);
            if (f[0].equals("total")) {
                total = Double.parseDouble(f[1]);
                unit = f[2];
                name = f[3];
            } else if (f[0].equals("frame")) {
                frames.put(f[3], new FunctionValues.Values((long) Double.parseDouble(f[1]), (long) Double.parseDouble(f[2])));
            }
        }
        assertTrue(total >= 0, "speedscope said: " + out);
        return new Imported(total, unit, name, frames);
    }

    /** The speedscope npm package under target/, installed there with npm on first use. */
    private static synchronized Path speedscope() throws IOException, InterruptedException {
        Path prefix = Path.of("target/speedscope-npm").toAbsolutePath();
        if (!Files.exists(prefix.resolve("node_modules/speedscope/package.json"))) {
            Files.createDirectories(prefix);
            run(List.of(Needs.tool("npm").toString(), "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                    "--no-save", "--ignore-scripts", SPEEDSCOPE), prefix);
        }
        return prefix;
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path err = Files.createTempFile("saturn-speedscope-", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = p.waitFor(300, TimeUnit.SECONDS);
            assertTrue(ended && p.exitValue() == 0, String.join(" ", command) + " failed: " + out + Files.readString(err));
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
