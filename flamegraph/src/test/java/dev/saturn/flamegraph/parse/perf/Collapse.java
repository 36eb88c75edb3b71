package dev.saturn.flamegraph.parse.perf;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.parse.ParseStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One collapse in memory: the folded output, the parse's stats and its warnings. */
record Collapse(byte[] folded, ParseStats stats, List<String> warnings) {

    static Collapse of(byte[] input, PerfCollapseOptions options) {
        return of(input, options, 1, 1 << 20, 16 << 20);
    }

    /** Many threads and small chunks run the parallel path on small inputs. */
    static Collapse of(byte[] input, PerfCollapseOptions options, int threads, int chunkSize, int maxLine) {
        List<String> warnings = new ArrayList<>();
        FoldedStacks stacks = new FoldedStacks();
        try {
            ParseStats stats = new PerfScriptParser(options, warnings::add, threads, chunkSize, maxLine, 0)
                    .parse(new ByteArrayInputStream(input), stacks);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stacks.writeTo(out);
            return new Collapse(out.toByteArray(), stats, warnings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Collapse of(String input, PerfCollapseOptions options) {
        return of(input.getBytes(StandardCharsets.ISO_8859_1), options);
    }

    static Collapse of(String input) {
        return of(input, PerfCollapseOptions.defaults());
    }

    String text() {
        return new String(folded, StandardCharsets.ISO_8859_1);
    }
}
