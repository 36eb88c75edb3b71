package dev.saturn.flamegraph.parse.folded;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parse through the real aggregator: the folded text saturn collapse would print, and the stats. */
public record Collapse(String folded, ParseStats stats) {
    public static Collapse of(StackParser parser, byte[] input) throws IOException {
        return of(parser, new ByteArrayInputStream(input));
    }

    public static Collapse of(StackParser parser, String latin1) throws IOException {
        return of(parser, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Collapse of(StackParser parser, InputStream in) throws IOException {
        FoldedStacks stacks = new FoldedStacks();
        ParseStats stats = parser.parse(in, stacks);
        return of(stacks, stats);
    }

    public static Collapse of(FoldedStacks stacks, ParseStats stats) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stacks.writeTo(out);
        return new Collapse(out.toString(StandardCharsets.ISO_8859_1), stats);
    }

    /** Stack to weight, in output order. */
    public Map<String, Long> weights() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : folded.split("\n")) {
            if (!line.isEmpty()) {
                int space = line.lastIndexOf(' ');
                m.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            }
        }
        return m;
    }

    public long total() {
        return weights().values().stream().mapToLong(Long::longValue).sum();
    }
}
