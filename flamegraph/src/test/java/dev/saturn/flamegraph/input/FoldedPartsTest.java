package dev.saturn.flamegraph.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.html.HtmlRenderer;
import dev.saturn.flamegraph.json.D3JsonWriter;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.SiblingOrder;
import dev.saturn.flamegraph.tree.StackFilter;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folded file read in parts on several threads gives the tree one reader gives: the same SVG, the same HTML page
 * (its name table in the order names first appear) and the same D3 JSON; the same counts of stacks and invalid
 * lines, and the first invalid line numbered from the file's start.
 */
class FoldedPartsTest {
    @TempDir
    Path tmp;

    @Test
    void partsGiveTheTreeOneReaderGives() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            byte[] input = input(new Random(seed), 20_000, false);
            for (int parts : new int[] {2, 3, 5}) {
                assertSameAsOneReader(input, parts, TreeOptions.defaults(), "seed " + seed + ", " + parts + " parts");
            }
        }
    }

    @Test
    void differentialFractionalAndFilteredInputsToo() throws IOException {
        byte[] input = input(new Random(7), 20_000, true);
        assertSameAsOneReader(input, 3, TreeOptions.defaults(), "differential and fractional counts");
        TreeOptions weighed = new TreeOptions(SiblingOrder.WEIGHT, StackFilter.builder().exclude(java.util.regex.Pattern.compile("f1[0-9]")).build(), true);
        assertSameAsOneReader(input, 3, weighed, "by weight, with frames excluded");
    }

    @Test
    void theFirstInvalidLineIsNumberedFromTheFileStart() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            text.append(i == 9_000 ? "not a folded line\n" : "main;work;leaf" + (i % 7) + " " + i + "\n");
        }
        text.append("also bad\n");
        byte[] input = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        ParseStats inParts = readInParts(input, 0, 4, new FrameTreeBuilder(TreeOptions.defaults()));
        assertEquals(2, inParts.invalidLines());
        assertEquals(9_000, inParts.firstInvalidLine(), "the line's number in the file, not in its part");
        assertEquals(9_999, inParts.stacks());
    }

    @Test
    void aFileReadFromWhereItsPositionStands() throws IOException {
        byte[] body = input(new Random(3), 5_000, false);
        byte[] skipped = "header that a caller already read\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] input = new byte[skipped.length + body.length];
        System.arraycopy(skipped, 0, input, 0, skipped.length);
        System.arraycopy(body, 0, input, skipped.length, body.length);
        FrameTreeBuilder one = new FrameTreeBuilder(TreeOptions.defaults());
        ParseStats expected = FoldedParser.read(new ByteArrayInputStream(body), one);
        FrameTreeBuilder parts = new FrameTreeBuilder(TreeOptions.defaults());
        assertEquals(expected, readInParts(input, skipped.length, 3, parts));
        assertArrayEquals(svg(one.build()), svg(parts.build()));
    }

    @Test
    void linesLongerThanAPartsScanAreNeverCut() throws IOException {
        String deep = "f;".repeat(60_000); // 120 KB of stack on one line: no newline within a cut's scan
        byte[] input = ("a;b 1\n" + deep + "leaf 5\n" + deep + "leaf 6\nc 2").getBytes(StandardCharsets.ISO_8859_1);
        assertSameAsOneReader(input, 4, TreeOptions.defaults(), "long lines");
    }

    @Test
    void theStackReaderReadsBigFilesInPartsAndTheRestAsAStream() throws IOException {
        byte[] big = input(new Random(11), 110_000, false);
        assertTrue(big.length >= FoldedParts.MIN_BYTES, "big enough for parts: " + big.length);
        Path file = tmp.resolve("big.folded");
        Files.write(file, big);
        StackReader reader = StackReader.detecting(StackFormat.FOLDED, PerfCollapseOptions.defaults(), JfrOptions.DEFAULTS, w -> { });
        FrameTreeBuilder parts = new FrameTreeBuilder(TreeOptions.defaults());
        StackReader.Read read;
        try (FileChannel ch = FileChannel.open(file)) {
            read = reader.read(ch, parts, 2);
            assertEquals(ch.size(), ch.position(), "read to its end");
        }
        FrameTreeBuilder one = new FrameTreeBuilder(TreeOptions.defaults());
        ParseStats expected = FoldedParser.read(new ByteArrayInputStream(big), one);
        assertEquals(StackFormat.FOLDED, read.format());
        assertEquals(expected, read.stats());
        assertArrayEquals(svg(one.build()), svg(parts.build()));

        Path perf = tmp.resolve("perf.txt");
        Files.writeString(perf, "java 123 [000] 1.000: 1 cpu-clock:\n\tffff a (/x)\n\tffff b (/x)\n\n");
        FrameTreeBuilder small = new FrameTreeBuilder(TreeOptions.defaults());
        try (FileChannel ch = FileChannel.open(perf)) {
            read = reader.read(ch, small, 2);
        }
        assertEquals(StackFormat.PERF, read.format(), "a small file of another format, read as that format");
        assertEquals(1, read.stats().stacks());
    }

    private void assertSameAsOneReader(byte[] input, int parts, TreeOptions options, String what) throws IOException {
        FrameTreeBuilder one = new FrameTreeBuilder(options);
        ParseStats expected = FoldedParser.read(new ByteArrayInputStream(input), one);
        FrameTreeBuilder split = new FrameTreeBuilder(options);
        ParseStats actual = readInParts(input, 0, parts, split);
        assertEquals(expected, actual, what);
        assertEquals(one.stacks(), split.stacks(), what);
        FrameTree a = one.build();
        FrameTree b = split.build();
        assertArrayEquals(svg(a), svg(b), what + ": SVG");
        assertArrayEquals(html(a), html(b), what + ": HTML");
        assertArrayEquals(json(a), json(b), what + ": JSON");
    }

    private ParseStats readInParts(byte[] input, long start, int parts, FrameTreeBuilder builder) throws IOException {
        Path file = Files.createTempFile(tmp, "parts", ".folded");
        Files.write(file, input);
        try (FileChannel ch = FileChannel.open(file)) {
            return FoldedParts.read(ch, start, builder, parts);
        }
    }

    /** Stacks of a made-up program, sorted in runs as perf's collapsed output is, with names of any byte. */
    private static byte[] input(Random r, int lines, boolean differential) {
        StringBuilder s = new StringBuilder();
        String[] names = new String[400];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i + (i % 17 == 0 ? "_[j]" : "") + (i % 31 == 0 ? "\u00e9" : "");
        }
        for (int i = 0; i < lines; i++) {
            int depth = 1 + r.nextInt(30);
            s.append("root").append(r.nextInt(4));
            for (int d = 0; d < depth; d++) {
                s.append(';').append(names[(d * 13 + r.nextInt(d < 20 ? 2 : 4)) % names.length]);
            }
            if (differential && i % 3 == 0) {
                s.append(' ').append(r.nextInt(50));
            }
            s.append(' ').append(r.nextInt(100));
            if (differential && i % 5 == 0) {
                s.append(".5");
            }
            s.append(i % 11 == 0 ? "\r\n" : "\n");
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] svg(FrameTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SvgRenderer.render(tree, SvgOptions.defaults(), out);
        return out.toByteArray();
    }

    private static byte[] html(FrameTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlRenderer.render(tree, SvgOptions.defaults(), out);
        return out.toByteArray();
    }

    private static byte[] json(FrameTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        D3JsonWriter.write(tree, out);
        return out.toByteArray();
    }
}
