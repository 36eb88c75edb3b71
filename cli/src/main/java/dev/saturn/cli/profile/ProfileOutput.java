package dev.saturn.cli.profile;

import dev.saturn.cli.common.UserException;
import dev.saturn.cli.output.OutputFile;
import dev.saturn.cli.output.Stdout;
import dev.saturn.flamegraph.folded.FoldedStacks;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.html.HtmlRenderer;
import dev.saturn.flamegraph.json.D3JsonWriter;
import dev.saturn.flamegraph.json.SpeedscopeWriter;
import dev.saturn.flamegraph.pprof.PprofWriter;
import dev.saturn.flamegraph.pprof.SampleType;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.flamegraph.svg.SvgRenderer;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import dev.saturn.flamegraph.tree.TreeOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a profile goes and in which format: checked before profiling starts (so that a long
 * recording is not lost to a typo), collected as stacks arrive, written at the end.
 */
final class ProfileOutput implements StackSink, AutoCloseable {
    enum Format {
        folded, svg, html, json, pprof, speedscope;

        /** "an SVG", "JSON", "a pprof profile": what a message says is not written to a terminal. */
        String what() {
            return switch (this) {
                case svg -> "an SVG";
                case html -> "an HTML page";
                case pprof -> "a pprof profile";
                case speedscope -> "a speedscope profile";
                default -> "JSON";
            };
        }

        /** A file name for the example in that message. */
        String example() {
            return switch (this) {
                case pprof -> "profile.pb.gz";
                case speedscope -> "profile.speedscope.json";
                default -> "profile." + name();
            };
        }
    }

    private final Path file;
    private final Format format;
    /** What is recorded (cpu, offcpu, alloc...), for a pprof sample type. */
    private final String event;
    private final FoldedStacks folded = new FoldedStacks();
    private final FrameTreeBuilder tree = new FrameTreeBuilder(TreeOptions.defaults());
    private OutputFile target;
    private long samples;
    private long stacks;

    ProfileOutput(Path file, Format format, String event) {
        this.file = file == null || file.toString().equals("-") ? null : file;
        this.format = format;
        this.event = event;
    }

    /** The format asked for, else the one the file name ends with, else svg. */
    static Format format(Format asked, Path file) {
        if (asked != null) {
            return asked;
        }
        String name = file == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.html;
        }
        if (name.endsWith(".pb.gz") || name.endsWith(".pprof") || name.endsWith(".pb")) {
            return Format.pprof;
        }
        if (name.endsWith(".speedscope.json") || name.endsWith(".speedscope")) {
            return Format.speedscope;
        }
        if (name.endsWith(".json")) {
            return Format.json;
        }
        if (name.endsWith(".folded") || name.endsWith(".collapsed") || name.endsWith(".txt")) {
            return Format.folded;
        }
        return Format.svg;
    }

    /**
     * Opens the file now, before any profiling, so that one that cannot be written fails at once
     * rather than after the recording (it is written beside and renamed into place at the end).
     */
    void open() {
        if (file != null && target == null) {
            target = OutputFile.create(file, format.example());
        }
    }

    /** Removes an unfinished file; nothing once written. */
    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    public void accept(String stack, long weight) {
        samples += weight;
        stacks++;
        if (format == Format.folded) {
            folded.accept(stack, weight);
        } else {
            tree.add(stack, weight);
        }
    }

    /** The HTML page keeps every frame (its canvas shows narrow ones when zoomed to); the SVG leaves out those under 0.1 pixel. */
    boolean keepsEveryFrame() {
        return format == Format.html;
    }

    long samples() {
        return samples;
    }

    long stacks() {
        return stacks;
    }

    String where() {
        return file == null ? "stdout" : file.toString();
    }

    /** Writes the profile; a failed write is a one-line {@link UserException} and leaves no partial file. */
    void write(SvgOptions svg) {
        if (file == null) {
            try (OutputStream out = Stdout.unclosable()) {
                render(svg, out);
            } catch (IOException e) {
                throw new UserException("cannot write standard output: " + OutputFile.reason(e));
            }
            String failure = Stdout.failure();
            if (failure != null) {
                throw new UserException(failure);
            }
            return;
        }
        open();
        try (OutputFile out = target) {
            try {
                render(svg, out.stream());
            } catch (IOException e) {
                throw OutputFile.cannotWrite(file, e);
            }
            out.commit();
        }
    }

    private void render(SvgOptions svg, OutputStream out) throws IOException {
        switch (format) {
            case folded -> folded.writeTo(out);
            case json -> D3JsonWriter.write(tree.build(), out);
            case svg -> SvgRenderer.render(tree.build(), svg, out);
            case html -> HtmlRenderer.render(tree.build(), svg, out);
            case pprof -> PprofWriter.write(tree.build(), SampleType.of(svg.countName(), event), out);
            case speedscope -> SpeedscopeWriter.write(tree.build(), svg.title(), svg.countName(), out);
        }
    }
}
