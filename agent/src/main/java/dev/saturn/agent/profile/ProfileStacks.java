package dev.saturn.agent.profile;

import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import dev.saturn.profiling.drill.DrillLead;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * What leads the profile; with {@code root}, of the stacks under that root frame alone (a profile with the ring's
     * seconds: the trigger's own part, not the frame that splits it from the part before).
     */
    public synchronized Optional<DrillLead> lead(String root) {
        FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
        String prefix = root == null ? "" : root + ";";
        folded.forEach((stack, weight) -> {
            if (stack.startsWith(prefix)) {
                tree.add(stack.substring(prefix.length()), weight);
            }
        });
        return DrillLead.of(tree.build());
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
