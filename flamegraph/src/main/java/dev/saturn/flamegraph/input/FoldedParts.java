package dev.saturn.flamegraph.input;

import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.folded.FoldedParser;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A big file of folded stacks read in parts, each on a thread of its own into a fork of one builder, the parts
 * merged in the file's order: the same tree as one reader makes. Parsing is most of what `saturn flamegraph` does
 * with a big input (30 of 100 ms for 23.6 MB), and a second CPU halves it.
 */
final class FoldedParts {
    /** Below this a thread and a merge cost more than they save. */
    static final long MIN_BYTES = 8L << 20;
    private static final int SCAN = 1 << 16;

    private FoldedParts() {
    }

    /** Whether a file of {@code size} bytes is worth reading in parts on {@code threads} threads. */
    static boolean worth(long size, int threads) {
        return threads > 1 && size >= MIN_BYTES;
    }

    /** Reads {@code file} from {@code start} to its end into {@code builder}, in up to {@code parts} parts. */
    static ParseStats read(FileChannel file, long start, FrameTreeBuilder builder, int parts) throws IOException {
        long end = file.size();
        long[] bounds = bounds(file, start, end, parts);
        int n = bounds.length - 1;
        FrameTreeBuilder[] builders = new FrameTreeBuilder[n];
        Part[] threads = new Part[n];
        builders[0] = builder;
        for (int i = 1; i < n; i++) {
            builders[i] = builder.fork();
            threads[i] = new Part(file, bounds[i], bounds[i + 1], builders[i]);
            threads[i].start();
        }
        ParseStats first = FoldedParser.read(new Range(file, bounds[0], bounds[1]), builder);
        ParseStats total = first;
        long linesBefore = -1;
        for (int i = 1; i < n; i++) {
            ParseStats part = threads[i].await();
            if (total.invalidLines() == 0 && part.invalidLines() > 0) {
                // its line numbers count from its own start
                linesBefore = lines(file, start, bounds[i]);
                part = new ParseStats(part.invalidLines(), part.firstInvalidLine() + linesBefore, part.stacks(), part.unit());
            }
            total = total.plus(part);
            builder.merge(builders[i]);
        }
        file.position(end);
        return total;
    }

    /**
     * Where each part starts, and the end: near equal shares, each moved to just after a newline. Fewer parts when a
     * share holds no newline in its first 64 KiB (very long lines): the parts must not cut one.
     */
    private static long[] bounds(FileChannel file, long start, long end, int parts) throws IOException {
        long[] at = new long[parts + 1];
        int n = 0;
        at[n++] = start;
        ByteBuffer buf = ByteBuffer.allocate(SCAN);
        for (int i = 1; i < parts; i++) {
            long from = Math.max(at[n - 1], start + (end - start) * i / parts);
            long cut = afterNewline(file, from, end, buf);
            if (cut > at[n - 1] && cut < end) {
                at[n++] = cut;
            }
        }
        at[n++] = end;
        return java.util.Arrays.copyOf(at, n);
    }

    /** Just after the first newline at or after {@code from} within {@link #SCAN} bytes, or -1. */
    private static long afterNewline(FileChannel file, long from, long end, ByteBuffer buf) throws IOException {
        buf.clear();
        int got = 0;
        while (buf.hasRemaining() && from + got < end) {
            int r = file.read(buf, from + got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        byte[] b = buf.array();
        for (int i = 0; i < got; i++) {
            if (b[i] == '\n') {
                return from + i + 1;
            }
        }
        return -1;
    }

    /** The newlines in {@code [from, to)}: the lines of the parts before one that found an invalid line. */
    private static long lines(FileChannel file, long from, long to) throws IOException {
        long count = 0;
        InputStream in = new Range(file, from, to);
        byte[] b = new byte[1 << 16];
        for (int r; (r = in.read(b, 0, b.length)) > 0; ) {
            for (int i = 0; i < r; i++) {
                if (b[i] == '\n') {
                    count++;
                }
            }
        }
        return count;
    }

    /** One part read on a thread of its own. A class rather than a lambda: linking one costs a cold JVM milliseconds. */
    private static final class Part extends Thread {
        private final FileChannel file;
        private final long from;
        private final long to;
        private final FrameTreeBuilder builder;
        private ParseStats stats;
        private Exception failure;

        Part(FileChannel file, long from, long to, FrameTreeBuilder builder) {
            super("saturn-folded-part");
            setDaemon(true);
            this.file = file;
            this.from = from;
            this.to = to;
            this.builder = builder;
        }

        @Override
        public void run() {
            try {
                stats = FoldedParser.read(new Range(file, from, to), builder);
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        ParseStats await() throws IOException {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (stats == null) {
                throw new IOException("a part of the input was not read");
            }
            return stats;
        }
    }

    /** Bytes {@code [from, to)} of a file, by positional reads: parts share one channel. */
    private static final class Range extends InputStream {
        private final FileChannel file;
        private long at;
        private final long to;

        Range(FileChannel file, long from, long to) {
            this.file = file;
            this.at = from;
            this.to = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (at >= to) {
                return -1;
            }
            int want = (int) Math.min(len, to - at);
            int r = file.read(ByteBuffer.wrap(b, off, want), at);
            if (r < 0) {
                return -1; // the file shrank while read
            }
            at += r;
            return r;
        }
    }
}
