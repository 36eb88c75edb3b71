package dev.saturn.flamegraph.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.folded.FoldedLineSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.json.D3JsonWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader tells the builder how many bytes a line shares with the previous one, and the builder
 * then skips its own comparison of the stacks: the tree must be the one it builds when it compares.
 */
class FrameTreeBuilderSharedPrefixTest {
    @Test
    void treeIsTheSameWithAndWithoutTheReadersSharedPrefix() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            byte[] input = input(new Random(seed));
            assertTrue(input.length > 3 << 20, "lines must also straddle the reader's 1 MB buffer");

            FrameTreeBuilder hinted = new FrameTreeBuilder(TreeOptions.defaults());
            ParseStats a = FoldedParser.read(new ByteArrayInputStream(input), hinted);
            FrameTreeBuilder compared = new FrameTreeBuilder(TreeOptions.defaults());
            FoldedLineSink noHint = (buf, from, to, first, second, shared) -> compared.add(buf, from, to, first, second);
            ParseStats b = FoldedParser.read(new ByteArrayInputStream(input), noHint);

            assertEquals(b, a);
            assertEquals(compared.stacks(), hinted.stacks());
            assertArrayEquals(json(compared.build()), json(hinted.build()), "seed " + seed);
        }
    }

    /** Sorted-looking folded lines that share prefixes, with CRLF, blank, invalid and two-count lines among them. */
    private static byte[] input(Random r) {
        String[] names = {"main", "a", "ab", "a;b", "work", "work_", "x", "", "leaf", "java/lang/Thread.run", "f"};
        StringBuilder s = new StringBuilder();
        String prev = "main";
        while (s.length() < 3_500_000) {
            String[] frames = prev.split(";", -1);
            int keep = r.nextInt(frames.length + 1);
            StringBuilder stack = new StringBuilder();
            for (int i = 0; i < keep; i++) {
                stack.append(i == 0 ? "" : ";").append(frames[i]);
            }
            int more = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(30);
            for (int i = 0; i < more; i++) {
                String name = names[r.nextInt(names.length)];
                if (r.nextInt(8) == 0) {
                    name = name + "_" + "x".repeat(r.nextInt(300));
                }
                stack.append(stack.length() == 0 && i == 0 ? "" : ";").append(name);
            }
            prev = stack.length() == 0 ? "main" : stack.toString();
            int kind = r.nextInt(20);
            if (kind == 0) {
                s.append('\n');
            } else if (kind == 1) {
                s.append(prev).append(" bad\n");
            } else if (kind == 2) {
                s.append(prev).append(' ').append(r.nextInt(9)).append(' ').append(r.nextInt(9)).append('\n');
            } else if (kind == 3) {
                s.append(prev).append(' ').append(1 + r.nextInt(9)).append("\r\n");
            } else {
                s.append(prev).append(' ').append(1 + r.nextInt(kind)).append('\n');
                if (r.nextInt(5) == 0) {
                    s.append(prev).append(' ').append(1 + r.nextInt(9)).append('\n');
                }
            }
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] json(FrameTree tree) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        D3JsonWriter.write(tree, out);
        return out.toByteArray();
    }
}
