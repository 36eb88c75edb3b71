package dev.saturn.flamegraph.parse.folded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.ParseStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The folded grammar as the frame tree reads it: bytes, both counts of a differential line. */
class FoldedParserLinesTest {
    record Line(String stack, double first, double second) {
    }

    static List<Line> lines(InputStream in, ParseStats[] result) throws IOException {
        List<Line> out = new ArrayList<>();
        ParseStats r = FoldedParser.read(in, (buf, from, to, first, second, shared) ->
                out.add(new Line(new String(buf, from, to - from, StandardCharsets.ISO_8859_1), first, second)));
        if (result != null) {
            result[0] = r;
        }
        return out;
    }

    static List<Line> lines(String text, ParseStats[] result) throws IOException {
        return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), result);
    }

    @Test
    void readsStacksAndCountsAsFlamegraphPlDoes() throws IOException {
        List<Line> l = lines("a;b;c 10\na;b 1.5\nwith space;x y 3\ntab\t7\nend 2.\n", null);
        assertEquals(new Line("a;b;c", 10, Double.NaN), l.get(0));
        assertEquals(new Line("a;b", 1.5, Double.NaN), l.get(1));
        assertEquals(new Line("with space;x y", 3, Double.NaN), l.get(2));
        assertEquals(new Line("tab", 7, Double.NaN), l.get(3));
        assertEquals(new Line("end", 2, Double.NaN), l.get(4));
    }

    @Test
    void twoCountsMakeADifferentialLine() throws IOException {
        ParseStats[] r = new ParseStats[1];
        List<Line> l = lines("a;b 3 5\na;c 0 2.5\n", r);
        assertEquals(new Line("a;b", 3, 5), l.get(0));
        assertEquals(new Line("a;c", 0, 2.5), l.get(1));
    }

    @Test
    void countsInvalidLinesAndNamesTheFirst() throws IOException {
        ParseStats[] r = new ParseStats[1];
        List<Line> l = lines("ok 1\nno count\n\n   \nbad -1\nbad .5\nbad 1e3\nbad 1.2.3\n5\nok;again 2", r);
        assertEquals(2, l.size());
        assertEquals(new Line("ok;again", 2, Double.NaN), l.get(1), "the last line needs no newline");
        assertEquals(6, r[0].invalidLines(), "blank lines are skipped, not invalid");
        assertEquals(2, r[0].firstInvalidLine());
        assertEquals("Ignored 6 lines with invalid format, first at line 2", r[0].invalidMessage());
    }

    @Test
    void crlfLinesAreAccepted() throws IOException {
        assertEquals(List.of(new Line("a;b", 1, Double.NaN), new Line("c", 2, Double.NaN)), lines("a;b 1\r\nc 2\r\n", null));
    }

    @Test
    void anEmptyInputHasNoLines() throws IOException {
        ParseStats[] r = new ParseStats[1];
        assertTrue(lines("", r).isEmpty());
        assertEquals(0, r[0].stacks());
        assertEquals("", r[0].invalidMessage());
    }

    @Test
    void everyByteSurvives() throws IOException {
        byte[] b = {'a', 0, (byte) 0xff, ';', 0x1b, (byte) 0xc3, (byte) 0xa9, ' ', '4', '\n'};
        List<Line> l = lines(new ByteArrayInputStream(b), null);
        assertEquals("a\u0000\u00ff;\u001b\u00c3\u00a9", l.get(0).stack());
    }

    @Test
    void hugeLinesAndAnyReadSizeGiveTheSameLines() throws IOException {
        StringBuilder text = new StringBuilder();
        Random r = new Random(1);
        String[] frames = {"main", "work", "leaf", "x".repeat(3000), "a", ""};
        for (int i = 0; i < 2000; i++) {
            int depth = r.nextInt(8);
            StringBuilder s = new StringBuilder("root");
            for (int d = 0; d < depth; d++) {
                s.append(';').append(frames[r.nextInt(frames.length)]);
            }
            text.append(s).append(' ').append(r.nextInt(100)).append('\n');
            if (i % 500 == 0) {
                text.append("root;").append("y".repeat((1 << 20) + 17)).append(" 9\n");
            }
            if (i % 3 == 0) {
                text.append(s).append(' ').append(1).append('\n');
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Line> whole = lines(new ByteArrayInputStream(bytes), null);
        List<Line> trickled = lines(new Trickle(bytes, new Random(2)), null);
        assertEquals(whole, trickled);
        assertEquals(text.toString().split("\n").length, whole.size());
        assertEquals((1 << 20) + 22, whole.get(1).stack().length());
    }

    /** An input that returns a few bytes at a time, as a pipe does, so that lines cross reads. */
    static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, Random random) {
            this.data = data;
            this.random = random;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
