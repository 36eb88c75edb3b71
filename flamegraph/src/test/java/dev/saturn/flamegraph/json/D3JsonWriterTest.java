package dev.saturn.flamegraph.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.SiblingOrder;
import dev.saturn.flamegraph.tree.StackFilter;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class D3JsonWriterTest {
    private static String json(String folded, TreeOptions options) throws IOException {
        FrameTreeBuilder b = new FrameTreeBuilder(options);
        FoldedParser.read(new ByteArrayInputStream(folded.getBytes(StandardCharsets.UTF_8)), b);
        FrameTree t = b.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        D3JsonWriter.write(t, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesD3FlameGraphsNameValueChildren() throws IOException {
        assertEquals("{\"name\":\"all\",\"value\":10,\"children\":[{\"name\":\"main\",\"value\":10,\"children\":["
                + "{\"name\":\"baz\",\"value\":3,\"children\":[]},{\"name\":\"foo\",\"value\":7,\"children\":["
                + "{\"name\":\"bar\",\"value\":5,\"children\":[]}]}]}]}\n",
                json("main;foo;bar 5\nmain;foo 2\nmain;baz 3\n", TreeOptions.defaults()));
    }

    @Test
    void differentialAddsDeltas() throws IOException {
        assertEquals("{\"name\":\"all\",\"value\":3,\"delta\":2,\"children\":[{\"name\":\"a\",\"value\":3,\"delta\":2,\"children\":[]}]}\n",
                json("a 1 3\n", new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, false)));
    }

    @Test
    void escapesNamesAndKeepsFractions() throws IOException {
        String s = json("q\"\\\u0001\u00e9 1.5\n", TreeOptions.defaults());
        assertTrue(s.contains("\"name\":\"q\\\"\\\\\u2401\u00e9\",\"value\":1.5"), s);
    }

    @Test
    void flameChartGapsAreNotFrames() throws IOException {
        assertEquals("{\"name\":\"all\",\"value\":3,\"children\":[{\"name\":\"a\",\"value\":3,\"children\":["
                + "{\"name\":\"b\",\"value\":1,\"children\":[]},{\"name\":\"b\",\"value\":1,\"children\":[]}]}]}\n",
                json("a;b 1\na 1\na;b 1\n", new TreeOptions(SiblingOrder.INPUT, StackFilter.NONE, true)));
    }

    @Test
    void anyDepthWorks() throws IOException {
        String deep = "f;".repeat(50_000) + "leaf 1\n";
        String s = json(deep, TreeOptions.defaults());
        assertTrue(s.endsWith("]}".repeat(50_002) + "\n"));
    }
}
