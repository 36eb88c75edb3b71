package dev.saturn.flamegraph.parse.folded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.ParseStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldedParserTest {
    private static final FoldedParser PARSER = new FoldedParser();

    @Test
    void duplicateStacksMergeAndOutputIsSortedByBytes() throws IOException {
        Collapse c = Collapse.of(PARSER, "main;b 2\nmain;a 1\nmain;b 3\n");
        assertEquals("main;a 1\nmain;b 5\n", c.folded());
        assertEquals(new ParseStats(0, 0, 3), c.stats());
    }

    @Test
    void theStackIsEverythingBeforeTheOneWhitespaceBeforeTheCount() throws IOException {
        Collapse c = Collapse.of(PARSER, "java;Foo.bar(int x) 4\ncomm with space;f\t\t7\n");
        assertEquals("comm with space;f\t 7\njava;Foo.bar(int x) 4\n", c.folded());
        assertEquals(0, c.stats().invalidLines());
    }

    @Test
    void fractionalCountsAddUpAndArePrintedAsPerlPrintsThem() throws IOException {
        Collapse c = Collapse.of(PARSER, "a 1.5\nb 0.25\na 1\nc 2.\nd 0.1\nd 0.2\n");
        assertEquals("a 2.5\nb 0.25\nc 2\nd 0.3\n", c.folded());
        assertEquals(new ParseStats(0, 0, 6), c.stats());
    }

    @Test
    void nothingBeforeTheCountIsAnEmptyStackAsInFlamegraphPl() throws IOException {
        Collapse c = Collapse.of(PARSER, " 5\na 1\n");
        assertEquals(" 5\na 1\n", c.folded());
        assertEquals(new ParseStats(0, 0, 2), c.stats());
    }

    @Test
    void aDifferentialLineCountsWithItsLastColumn() throws IOException {
        Collapse c = Collapse.of(PARSER, "main;a 3 4\nmain;a 1\n");
        assertEquals("main;a 5\n", c.folded());
    }

    @Test
    void zeroAndLargeCountsAreValid() throws IOException {
        Collapse c = Collapse.of(PARSER, "a 0\nb 9223372036854775807\n");
        assertEquals("a 0\nb 9223372036854775807\n", c.folded());
    }

    @Test
    void invalidLinesAreCountedWithTheFirstLineNumber() throws IOException {
        String input = String.join("\n",
                "ok;one 1",
                "missing;count",
                "negative -3",
                "trailing;blank 9 ",
                "plus +4",
                "exponent 1e3",
                "dot .5",
                "7",
                "overflow 9223372036854775808",
                "twenty;digits 12345678901234567890",
                "ok;two 2");
        Collapse c = Collapse.of(PARSER, input);
        assertEquals("ok;one 1\nok;two 2\n", c.folded());
        assertEquals(new ParseStats(9, 2, 2), c.stats());
    }

    @Test
    void blankLinesAreSkippedNotCounted() throws IOException {
        Collapse c = Collapse.of(PARSER, "\n  \n\ta;b 1\n\n");
        assertEquals("\ta;b 1\n", c.folded());
        assertEquals(new ParseStats(0, 0, 1), c.stats());
    }

    @Test
    void lastLineNeedsNoNewlineAndCrlfIsAccepted() throws IOException {
        assertEquals("a;b 3\nc 1\n", Collapse.of(PARSER, "a;b 1\r\na;b 2\r\nc 1").folded());
    }

    @Test
    void emptyInputGivesNoStacks() throws IOException {
        Collapse c = Collapse.of(PARSER, new byte[0]);
        assertEquals("", c.folded());
        assertEquals(ParseStats.clean(0), c.stats());
    }

    @Test
    void controlCharactersAndMarkupPassThroughByteForByte() throws IOException {
        String name = "a\0b\u001b[31m<&>\"'\r\u00ff\u0080;leaf";
        Collapse c = Collapse.of(PARSER, name + " 3\n");
        assertEquals(name + " 3\n", c.folded());
    }

    @Test
    void megabyteLineIsOneStack() throws IOException {
        StringBuilder b = new StringBuilder();
        while (b.length() < 1 << 20) {
            b.append("frame").append(b.length()).append(';');
        }
        b.append("leaf");
        Collapse c = Collapse.of(PARSER, "x 1\n" + b + " 42\ny 2\n");
        assertEquals(42L, c.weights().get(b.toString()));
        assertEquals(new ParseStats(0, 0, 3), c.stats());
    }

    @Test
    void lineOverTheLimitIsCountedNotHeld() throws IOException {
        byte[] line = new byte[FoldedParser.MAX_LINE + 10];
        Arrays.fill(line, (byte) 'x');
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream("a 1\n".getBytes(StandardCharsets.ISO_8859_1)),
                new ByteArrayInputStream(line),
                new ByteArrayInputStream(" 5\nb 2\n".getBytes(StandardCharsets.ISO_8859_1)))));
        Collapse c = Collapse.of(PARSER, in);
        assertEquals("a 1\nb 2\n", c.folded());
        assertEquals(new ParseStats(1, 2, 2), c.stats());
    }

    @Test
    void binaryGarbageIsCountedInvalid() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Collapse c = Collapse.of(PARSER, garbage);
        long lines = 1;
        for (byte b : garbage) {
            lines += b == '\n' ? 1 : 0;
        }
        assertTrue(c.stats().invalidLines() > lines * 9 / 10, c.stats().toString());
        assertEquals(1, c.stats().firstInvalidLine());
    }

    @Test
    void asyncProfilerCollapsedCpuOutputPassesThroughWithItsAnnotations() throws IOException {
        byte[] input = resource("/folded/async-profiler-cpu-ann.collapsed");
        Collapse c = Collapse.of(PARSER, input);
        assertEquals(new ParseStats(0, 0, 32), c.stats());
        assertEquals(446, c.total());
        Map<String, Long> w = c.weights();
        String burn = "java/lang/Thread.run_[j];dev/saturn/flamegraph/parse/jfr/JfrTarget$$Lambda$2.0x00007f3f30001800.run_[j];"
                + "dev/saturn/flamegraph/parse/jfr/JfrTarget.lambda$loop$0_[j];"
                + "dev/saturn/flamegraph/parse/jfr/JfrTarget$$Lambda$1.0x00007f3f30000c08.run_[j];"
                + "dev/saturn/flamegraph/parse/jfr/JfrTarget.lambda$main$1_[j];dev/saturn/flamegraph/parse/jfr/JfrTarget.burn_[j]";
        assertEquals(29, w.size(), "async-profiler prints one line per trace; four traces share the burn stack's names");
        assertEquals(17 + 373 + 1 + 1, w.get(burn), () -> "burn stack in\n" + c.folded());
        assertTrue(w.keySet().stream().anyMatch(s -> s.endsWith("clear_page_erms_[k]")));
        assertTrue(w.keySet().stream().anyMatch(s -> s.contains("JfrTarget.allocate_[0]")));
    }

    @Test
    void asyncProfilerCollapsedAllocOutputKeepsThreadFramesAndByteWeights() throws IOException {
        Collapse c = Collapse.of(PARSER, resource("/folded/async-profiler-alloc-threads-total.collapsed"));
        assertEquals(0, c.stats().invalidLines());
        String allocator = c.weights().keySet().stream().filter(s -> s.startsWith("[allocator tid=")).findFirst().orElseThrow();
        assertTrue(allocator.endsWith(";dev/saturn/flamegraph/parse/jfr/JfrTarget.allocate;byte[]_[i]"), allocator);
        assertTrue(c.weights().get(allocator) > 100L << 20, "bytes, not samples: " + c.weights().get(allocator));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = FoldedParserTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
