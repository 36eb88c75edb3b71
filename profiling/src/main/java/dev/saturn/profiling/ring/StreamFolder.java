package dev.saturn.profiling.ring;

import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.parse.perf.PerfScriptBatch;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * perf script text as it streams, folded a second at a time into a {@link StackRing}: samples (blank-line
 * separated) are gathered by the second of their timestamp, and a second is collapsed once a sample of a later
 * second arrives (perf script orders its output by time). Memory: the text of one second, and of one sample.
 */
final class StreamFolder {
    /** A sample or a second of text beyond this is dropped rather than held. */
    private static final int MAX_TEXT = 8 << 20;
    private static final PerfCollapseOptions OPTIONS = PerfCollapseOptions.defaults();

    private final StackRing ring;
    private byte[] in = new byte[1 << 16];
    private int inLength;
    private byte[] batch = new byte[1 << 16];
    private int batchLength;
    private long batchSecond = Long.MIN_VALUE;
    private long samples;
    private long droppedText;

    StreamFolder(StackRing ring) {
        this.ring = ring;
    }

    /** Samples folded into the ring since the start. */
    synchronized long samples() {
        return samples;
    }

    /** Reads until the end of {@code stream}, then folds the second it holds. */
    void pump(InputStream stream) throws IOException {
        try {
            while (true) {
                if (inLength == in.length) {
                    if (in.length >= MAX_TEXT) {
                        droppedText += inLength;
                        inLength = 0;
                    } else {
                        in = Arrays.copyOf(in, in.length * 2);
                    }
                }
                int n = stream.read(in, inLength, in.length - inLength);
                if (n < 0) {
                    return;
                }
                inLength += n;
                consume();
            }
        } finally {
            flush();
            inLength = 0;
        }
    }

    /** Hands each whole sample in the input to its second's batch; keeps the partial one. */
    private void consume() {
        int start = 0;
        for (int i = 0; i + 1 < inLength; i++) {
            if (in[i] == '\n' && in[i + 1] == '\n') {
                sample(start, i + 2);
                start = i + 2;
                i++;
            }
        }
        System.arraycopy(in, start, in, 0, inLength - start);
        inLength -= start;
    }

    private void sample(int from, int to) {
        long second = headerSecond(in, from, to);
        if (second == Long.MIN_VALUE) {
            return;
        }
        if (second != batchSecond) {
            flush();
            batchSecond = second;
        }
        int length = to - from;
        if (batchLength + length > MAX_TEXT) {
            droppedText += length;
            return;
        }
        if (batchLength + length > batch.length) {
            batch = Arrays.copyOf(batch, Math.max(batch.length * 2, batchLength + length));
        }
        System.arraycopy(in, from, batch, batchLength, length);
        batchLength += length;
    }

    private void flush() {
        if (batchLength == 0) {
            return;
        }
        long second = batchSecond;
        long kept = PerfScriptBatch.collapse(batch, batchLength, OPTIONS, (stack, weight) -> ring.add(second, stack, weight));
        synchronized (this) {
            samples += kept;
        }
        batchLength = 0;
        if (batch.length > 1 << 20) {
            batch = new byte[1 << 16];
        }
    }

    /**
     * The whole seconds of a sample's timestamp: the last word of its first line that reads digits, a dot, digits
     * and a colon ({@code java 4242/4243 61234.567890: cpu-clock:}); MIN_VALUE when there is none.
     */
    static long headerSecond(byte[] b, int from, int to) {
        int end = from;
        while (end < to && b[end] != '\n') {
            end++;
        }
        long found = Long.MIN_VALUE;
        int i = from;
        while (i < end) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) {
                i++;
            }
            int word = i;
            while (i < end && b[i] != ' ' && b[i] != '\t') {
                i++;
            }
            long s = timestamp(b, word, i);
            if (s != Long.MIN_VALUE) {
                found = s;
            }
        }
        return found;
    }

    private static long timestamp(byte[] b, int from, int to) {
        if (to - from < 4 || b[to - 1] != ':') {
            return Long.MIN_VALUE;
        }
        long seconds = 0;
        int i = from;
        while (i < to - 1 && b[i] >= '0' && b[i] <= '9') {
            seconds = seconds * 10 + (b[i] - '0');
            i++;
        }
        if (i == from || i >= to - 2 || b[i] != '.') {
            return Long.MIN_VALUE;
        }
        for (int j = i + 1; j < to - 1; j++) {
            if (b[j] < '0' || b[j] > '9') {
                return Long.MIN_VALUE;
            }
        }
        return seconds;
    }
}
