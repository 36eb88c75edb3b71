package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected outputs worked out by hand from difffolded.pl's code, in byte order. */
class DiffFoldedCommandTest {
    @TempDir
    Path tmp;

    private String file(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.ISO_8859_1);
        return p.toString();
    }

    @Test
    void pairsTheCountsOfBothProfiles() throws Exception {
        FlameRun run = FlameRun.of("diff-folded", file("1", "main;b 5\nmain;a 10\nmain;c 5\n"), file("2", "main;a 20\nmain;b 5\nmain;d 3\n"));
        assertEquals(0, run.exit(), run.err());
        assertEquals("main;a 10 20\nmain;b 5 5\nmain;c 5 0\nmain;d 0 3\n", run.text());
    }

    @Test
    void normalizeAndStripHex() throws Exception {
        FlameRun run = FlameRun.of("diff-folded", "-n", "-s", file("1", "f;0x1a 10\nf;0x2b 10\ng 20\n"), file("2", "f;0xff 60\ng 20\n"));
        assertEquals(0, run.exit(), run.err());
        // totals 40 and 80: the first column doubles; both hex frames merge into f;0x...
        assertEquals("f;0x... 40 60\ng 40 20\n", run.text());
    }

    @Test
    void invalidLinesAreReportedAndMissingFilesFail() throws Exception {
        FlameRun run = FlameRun.of("diff-folded", file("1", "a 1\njunk\n"), file("2", "a 2\n"));
        assertEquals(0, run.exit());
        assertEquals("a 1 2\n", run.text());
        assertTrue(run.err().contains("Ignored 1 line with invalid format, first at line 2"), run.err());
        FlameRun missing = FlameRun.of("diff-folded", tmp.resolve("nope").toString(), file("2", "a 2\n"));
        assertEquals(2, missing.exit());
        assertTrue(missing.oneLineError(), missing.err());
        FlameRun empty = FlameRun.of("diff-folded", file("e", ""), file("2", "a 2\n"));
        assertEquals(2, empty.exit());
        assertTrue(empty.oneLineError(), empty.err());
        FlameRun one = FlameRun.of("diff-folded", file("1", "a 1\n"));
        assertEquals(2, one.exit(), "AFTER is required");
    }

    @Test
    void eitherProfileMayComeFromStandardInput() throws Exception {
        byte[] after = "main;a 20\nmain;d 3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FlameRun run = FlameRun.viaMain(after, "diff-folded", file("1", "main;a 10\n"), "-");
        assertEquals(0, run.exit(), run.err());
        assertEquals("main;a 10 20\nmain;d 0 3\n", run.text());
        FlameRun both = FlameRun.viaMain(after, "diff-folded", "-", "-");
        assertEquals(2, both.exit());
        assertEquals("saturn: BEFORE and AFTER are both - (standard input): give at least one of them as a file\n", both.err());
    }
}
