package dev.saturn.flamegraph.parse.perf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Cuts an input into chunks of whole lines, ending after a blank line (between two samples)
 * whenever the chunk holds one, so that chunks can be collapsed apart. Memory stays at a few
 * chunks whatever the input's size: consumers hand their buffers back through {@link #recycle}.
 */
final class ChunkReader {
    /**
     * Whole lines {@code bytes[0, length)}, the last one ending in '\n'. {@code endsSample}: the
     * chunk ends with a blank line, or the input ends with it. {@code longLine}: no bytes, but a
     * line too long to hold was skipped here.
     */
    record Chunk(byte[] bytes, int length, boolean endsSample, boolean last, boolean longLine) {
    }

    private final InputStream in;
    private final int chunkSize;
    private final int maxLine;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private byte[] buf;
    private int fill;
    private boolean eof;
    private boolean done;

    ChunkReader(InputStream in, int chunkSize, int maxLine) {
        this.in = in;
        this.chunkSize = chunkSize;
        this.maxLine = maxLine;
        this.buf = new byte[chunkSize];
    }

    /** The next chunk, or null at the end of the input. */
    Chunk next() throws IOException {
        while (!done) {
            if (!eof) {
                fillBuffer();
            }
            if (eof) {
                done = true;
                if (fill == 0) {
                    return null;
                }
                if (buf[fill - 1] != '\n') {
                    if (fill == buf.length) {
                        buf = Arrays.copyOf(buf, fill + 1);
                    }
                    buf[fill++] = '\n';
                }
                return new Chunk(buf, fill, true, true, false);
            }
            int cut = afterLastBlankLine(buf, fill);
            boolean endsSample = cut > 0;
            if (!endsSample) {
                cut = afterLastNewline(buf, fill);
            }
            if (cut > 0) {
                return handOut(cut, endsSample);
            }
            if (buf.length < maxLine) {
                buf = Arrays.copyOf(buf, Math.min(maxLine, buf.length * 2));
            } else {
                skipLongLine();
                return new Chunk(null, 0, false, false, true);
            }
        }
        return null;
    }

    /** A buffer from a chunk that is no longer needed; any thread. */
    void recycle(byte[] bytes) {
        if (bytes != null && bytes.length == chunkSize) {
            free.offer(bytes);
        }
    }

    private Chunk handOut(int cut, boolean endsSample) {
        byte[] full = buf;
        int rest = fill - cut;
        byte[] next = rest < chunkSize ? free.poll() : null;
        if (next == null) {
            next = new byte[Math.max(chunkSize, rest * 2)];
        }
        System.arraycopy(full, cut, next, 0, rest);
        buf = next;
        fill = rest;
        return new Chunk(full, cut, endsSample, false, false);
    }

    private void fillBuffer() throws IOException {
        while (fill < buf.length) {
            int n = in.read(buf, fill, buf.length - fill);
            if (n < 0) {
                eof = true;
                return;
            }
            fill += n;
        }
    }

    /** Drops the bytes of a line longer than maxLine, up to and with its '\n'. */
    private void skipLongLine() throws IOException {
        fill = 0;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    System.arraycopy(buf, i + 1, buf, 0, n - i - 1);
                    fill = n - i - 1;
                    return;
                }
            }
        }
    }

    private static int afterLastBlankLine(byte[] b, int fill) {
        for (int i = fill - 1; i > 0; i--) {
            if (b[i] == '\n' && b[i - 1] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static int afterLastNewline(byte[] b, int fill) {
        for (int i = fill - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
