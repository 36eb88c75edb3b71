package dev.saturn.agent.profile;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The unique stacks of one recording, written as the two files the agent keeps: a flame graph and folded text. */
public final class ProfileStacks implements StackSink {
    private final FoldedStacks folded = new FoldedStacks();
    private long samples;

    @Override
    public synchronized void accept(String stack, long weight) {
        samples += weight;
        folded.accept(stack, weight);
    }

    public synchronized long samples() {
        return samples;
    }

    /** Writes the SVG and the folded text; returns their size in bytes. */
    public synchronized long write(Path svg, Path foldedFile, SvgOptions options) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(svg), 1 << 16)) {
            FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
            folded.forEach(tree::add);
            SvgRenderer.render(tree.build(), options, out);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(foldedFile), 1 << 16)) {
            folded.writeTo(out);
        }
        return Files.size(svg) + Files.size(foldedFile);
    }
}
