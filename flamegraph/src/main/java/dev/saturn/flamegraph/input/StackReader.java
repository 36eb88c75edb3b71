package dev.saturn.flamegraph.input;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.pprof.PprofOptions;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * How saturn reads one stack input, whichever command reads it: the format given, or told from the
 * input's first bytes ({@link FormatDetector}); that format's parser ({@link StackParsers}); the
 * lines it could not use counted in the result, never thrown.
 */
public final class StackReader {
    private final StackFormat format;
    private final StackFormat undetected;
    private final PerfCollapseOptions perf;
    private final JfrOptions jfr;
    private final Consumer<String> warnings;
    private final PprofOptions pprof;

    /** What an input was read as, and what its parse found. */
    public record Read(StackFormat format, ParseStats stats) {
        /** Whether the format could be told; when not, nothing was read. */
        public boolean told() {
            return format != StackFormat.UNKNOWN;
        }
    }

    private StackReader(StackFormat format, StackFormat undetected, PerfCollapseOptions perf, JfrOptions jfr, PprofOptions pprof,
            Consumer<String> warnings) {
        this.format = format;
        this.undetected = undetected;
        this.perf = perf;
        this.jfr = jfr;
        this.pprof = pprof;
        this.warnings = warnings;
    }

    /** Reads every input as {@code format}; {@code warnings} gets what a parser has to say (perf's other events). */
    public static StackReader of(StackFormat format, PerfCollapseOptions perf, JfrOptions jfr, Consumer<String> warnings) {
        if (format == StackFormat.UNKNOWN) {
            throw new IllegalArgumentException("no parser for an unknown format");
        }
        return new StackReader(format, null, perf, jfr, PprofOptions.DEFAULTS, warnings);
    }

    /** Folded stacks only, as diff-folded reads them. */
    public static StackReader folded() {
        return of(StackFormat.FOLDED, PerfCollapseOptions.defaults(), JfrOptions.DEFAULTS, new NoWarnings());
    }

    /**
     * Tells each input's format from its first bytes; an input it cannot place is read as
     * {@code undetected}, or not at all when that is {@link StackFormat#UNKNOWN}.
     */
    public static StackReader detecting(StackFormat undetected, PerfCollapseOptions perf, JfrOptions jfr, Consumer<String> warnings) {
        return new StackReader(null, undetected, perf, jfr, PprofOptions.DEFAULTS, warnings);
    }

    /** This reader, reading pprof inputs as {@code options} say (which sample type). */
    public StackReader pprof(PprofOptions options) {
        return new StackReader(format, undetected, perf, jfr, options, warnings);
    }

    /** Reads {@code in} to its end (it is not closed) into {@code sink}. */
    public Read read(InputStream in, StackSink sink) throws IOException {
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        StackFormat f = format;
        if (f == null) {
            f = FormatDetector.detect(buffered);
            if (f == StackFormat.UNKNOWN) {
                if (undetected == StackFormat.UNKNOWN) {
                    return new Read(StackFormat.UNKNOWN, ParseStats.clean(0));
                }
                f = undetected;
            }
        }
        return new Read(f, StackParsers.of(f, perf, jfr, pprof, warnings).parse(buffered, sink));
    }

    /**
     * Reads a regular file, from its position to its end, into {@code builder}: a big file of folded stacks in parts
     * on up to {@code threads} threads ({@link FoldedParts}), anything else as {@link #read(InputStream, StackSink)}
     * reads it.
     */
    public Read read(FileChannel file, FrameTreeBuilder builder, int threads) throws IOException {
        long start = file.position();
        long size = file.size() - start;
        if (builder.mergeable() && FoldedParts.worth(size, threads) && (format == null || format == StackFormat.FOLDED)) {
            StackFormat f = format != null ? format : detect(file, start);
            if (f == StackFormat.FOLDED || (f == StackFormat.UNKNOWN && undetected == StackFormat.FOLDED)) {
                return new Read(StackFormat.FOLDED, FoldedParts.read(file, start, builder, threads));
            }
        }
        return read(Channels.newInputStream(file), builder);
    }

    /** The format of a file from its first bytes, read where it stands, without moving it. */
    private static StackFormat detect(FileChannel file, long start) throws IOException {
        try {
            return FormatDetector.detect(new BufferedInputStream(Channels.newInputStream(file), 1 << 16));
        } finally {
            file.position(start);
        }
    }

    /** The folded parser warns of nothing. A class rather than a lambda: linking one costs a cold JVM milliseconds. */
    private static final class NoWarnings implements Consumer<String> {
        @Override
        public void accept(String warning) {
        }
    }
}
