package dev.saturn.flamegraph.folded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.flamegraph.parse.folded.FoldedParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Cases worked out by hand from difffolded.pl's code. */
class FoldedDiffTest {
    private static FoldedProfile profile(String text, UnaryOperator<String> key) throws IOException {
        FoldedProfile profile = new FoldedProfile(key);
        new FoldedParser().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), profile);
        return profile;
    }

    private static String diff(String before, String after, boolean normalize, boolean stripHex) throws IOException {
        UnaryOperator<String> key = stripHex ? FoldedDiff.stripHex() : UnaryOperator.identity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FoldedDiff.write(profile(before, key), profile(after, key), normalize, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyStackOfEitherSideWithZerosForTheMissing() throws IOException {
        assertEquals("main;a 10 20\nmain;b 5 5\nmain;c 5 0\nmain;d 0 3\n",
                diff("main;b 5\nmain;a 10\nmain;c 5\n", "main;a 20\nmain;b 5\nmain;d 3\n", false, false));
    }

    @Test
    void duplicatesWithinAFileAreSummed() throws IOException {
        assertEquals("a 3 1\n", diff("a 1\na 2\n", "a 1\n", false, false));
    }

    @Test
    void normalizeScalesTheFirstColumnAndTruncates() throws IOException {
        // totals 20 and 30: int(10 * 30 / 20) = 15, int(7 * 30 / 20) = int(10.5) = 10, int(3 * 1.5) = int(4.5) = 4
        assertEquals("a 15 10\nb 10 20\nc 4 0\n", diff("a 10\nb 7\nc 3\n", "a 10\nb 20\n", true, false));
        assertEquals("a 1 1\n", diff("a 1\n", "a 1\n", true, false), "equal totals: unchanged");
    }

    @Test
    void stripHexMergesAddresses() throws IOException {
        assertEquals("f;[unknown 0x...] 3 4\nf;g+0x... 1 0\n",
                diff("f;[unknown 0x7f00aa] 1\nf;[unknown 0x7f00bb] 2\nf;g+0x1F 1\n", "f;[unknown 0xdead] 4\n", false, true));
    }

    @Test
    void fractionalCountsArePrintedAsPerlPrintsThem() throws IOException {
        assertEquals("a 1.5 0.25\n", diff("a 1.5\n", "a 0.25\n", false, false));
        assertEquals("0.1", FoldedDiff.perlNumber(0.1));
        assertEquals("0.3", FoldedDiff.perlNumber(0.1 + 0.2), "15 significant digits, as Perl's %.15g");
        assertEquals("1234567890123456", FoldedDiff.perlNumber(1234567890123456d));
    }
}
