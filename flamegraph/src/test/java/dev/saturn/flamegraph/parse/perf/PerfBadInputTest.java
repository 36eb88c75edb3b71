package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.ParseStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Input that is not perf script, or barely: never an exception, lines counted instead. */
class PerfBadInputTest {
    private static final PerfCollapseOptions DEFAULTS = PerfCollapseOptions.defaults();
    private static final String GOOD = "ab 1 1.0: 1 cpu-clock:\n\t400 f (/x)\n\n";

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void emptyInputGivesNoStacks() {
        Collapse out = Collapse.of("");
        assertEquals("", out.text());
        assertEquals(new ParseStats(0, 0, 0), out.stats());
    }

    @Test
    void blankLinesAndCommentsAloneGiveNoStacks() {
        Collapse out = Collapse.of("\n\n# comment\n\n\n");
        assertEquals("", out.text());
        assertEquals(0, out.stats().invalidLines());
    }

    @Test
    void binaryGarbageIsCountedNotThrown() {
        byte[] garbage = new byte[1 << 20];
        new Random(42).nextBytes(garbage);
        Collapse one = Collapse.of(garbage, DEFAULTS);
        assertTrue(one.stats().invalidLines() > 1000, one.stats().toString());
        assertEquals(1, one.stats().firstInvalidLine());
        Collapse many = Collapse.of(garbage, DEFAULTS, 3, 4096, 8192);
        assertEquals(one.text(), many.text());
    }

    @Test
    void garbageBetweenSamplesLeavesTheSamplesIntact() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\n') {
                garbage[i] = 'x';
            }
        }
        String in = GOOD + new String(garbage, StandardCharsets.ISO_8859_1) + "\n\n" + GOOD;
        Collapse out = Collapse.of(in);
        assertEquals("ab;f 2\n", out.text());
        assertEquals(1, out.stats().invalidLines());
        assertEquals(4, out.stats().firstInvalidLine());
    }

    @Test
    void aMegabyteLineIsOneInvalidLine() {
        String in = GOOD + "x".repeat(1 << 20) + "\n" + GOOD;
        Collapse out = Collapse.of(in);
        assertEquals("ab;f 2\n", out.text());
        assertEquals(new ParseStats(1, 4, 2), out.stats());
    }

    @Test
    @Timeout(10)
    void aMegabyteOfBlanksTakesLinearTime() {
        String blanks = " ".repeat(1 << 20);
        Collapse out = Collapse.of("x" + blanks + "y\n\t" + blanks + "\n" + "ab" + blanks + "1" + blanks + "\n" + GOOD);
        assertEquals("ab;f 1\n", out.text());
        assertEquals(2, out.stats().invalidLines());
    }

    @Test
    void aMegabyteSymbolIsAFrame() {
        String name = "f".repeat(1 << 20);
        Collapse out = Collapse.of("ab 1 1.0: 1 cpu-clock:\n\t400 " + name + " (/x)\n\n");
        assertEquals("ab;" + name + " 1\n", out.text());
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedAndCounted() {
        byte[] in = latin1(GOOD + "y".repeat(100_000) + "\n" + GOOD + "\tnot a frame\n");
        Collapse out = Collapse.of(in, DEFAULTS, 1, 1024, 4096);
        assertEquals("ab;f 2\n", out.text());
        assertEquals(new ParseStats(2, 4, 2), out.stats());
    }

    @Test
    void controlCharactersAndMarkupInSymbolsPassThroughByteForByte() {
        String in = "ab 1 1.0: 1 cpu-clock:\n\t400 a\u0000b\u001b[31m<c>&d\"e\u00e9 (/x)\n\n";
        // Quotes go, as in the Perl script; escaping the rest is the writers' business.
        assertEquals("ab;a\u0000b\u001b[31m<c>&d" + "e\u00e9 1\n", Collapse.of(in).text());
    }

    @Test
    void anInputCutInTheMiddleOfALineKeepsItsLastSample() {
        Collapse out = Collapse.of("ab 1 1.0: 1 cpu-clock:\n\t400 f (/x)\n\t401 g (/");
        assertEquals("ab;f 1\n", out.text());
        assertEquals(new ParseStats(1, 3, 1), out.stats());
    }

    @Test
    void aHugePeriodSaturates() {
        Collapse out = Collapse.of("ab 1 1.0: 99999999999999999999999 cpu-clock:\n\t400 f (/x)\n\n");
        assertEquals("ab;f " + Long.MAX_VALUE + "\n", out.text());
    }

    @Test
    @Timeout(10)
    void aFailingInputIsAnIOExceptionNotAHang() {
        byte[] good = latin1(GOOD.repeat(1000));
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(good), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }
        });
        PerfScriptParser parser = new PerfScriptParser(DEFAULTS, message -> { }, 2, 1024, 4096, 0);
        IOException e = assertThrows(IOException.class, () -> parser.parse(failing, new FoldedStacks()));
        assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    }

    @Test
    void framesBeforeAnyHeaderAreIgnored() {
        Collapse out = Collapse.of("\t400 f (/x)\n\n" + GOOD);
        assertEquals("ab;f 1\n", out.text());
        assertEquals(0, out.stats().invalidLines());
    }
}
