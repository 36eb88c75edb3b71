package dev.saturn.flamegraph.parse.folded;

import dev.saturn.flamegraph.folded.FoldedLineSink;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Folded stacks in, with flamegraph.pl's rules, the one reading of folded lines in saturn
 * (docs/stack-formats.md): a line is {@code frame;frame;leaf COUNT} or, for a differential profile,
 * {@code stack COUNT1 COUNT2}; a count is {@code \d+(\.\d*)?} below 2^63 (so {@code 12}, {@code 1.5}
 * and {@code 2.}, not {@code .5}, {@code -1} or {@code 1e3}) after one whitespace character, and
 * everything before that character is the stack, exactly as written (empty, it counts for the root
 * alone, as in flamegraph.pl).
 *
 * <p>Bytes are handed over as they are (a String sink gets ISO-8859-1 chars, one per byte, so any
 * byte survives). Differences from flamegraph.pl: a trailing CR is ignored (CRLF files), blank lines
 * are skipped rather than counted as invalid, the last line needs no newline, and a line of
 * {@link #MAX_LINE} bytes or more is counted invalid without being held, so that one newline-free
 * binary file cannot exhaust the heap. Repeated stacks reach the sink once per line; the sink sums
 * them. A sink of single weights gets a differential line's last count, its width in the graph.
 */
public final class FoldedParser implements StackParser {
    public static final int MAX_LINE = 32 << 20;
    private static final int BUFFER = 1 << 20;

    /**
     * Hands each valid line to {@code sink}: as bytes when the sink also takes them (a
     * {@link FoldedLineSink}, such as the frame tree), else as a String and its last count.
     */
    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        return read(in, sink instanceof FoldedLineSink lines ? new LineParser(lines, null) : new LineParser(null, sink));
    }

    /** Reads {@code in} to its end (it is not closed), each valid line to {@code sink}. */
    public static ParseStats read(InputStream in, FoldedLineSink sink) throws IOException {
        return read(in, new LineParser(sink, null));
    }

    /**
     * Folded files repeat long prefixes from line to line (about 85% of the bytes of perf profiles),
     * so the bytes a line shares with the previous one are compared eight at a time rather than
     * scanned for the newline.
     */
    private static ParseStats read(InputStream in, LineParser parser) throws IOException {
        byte[] buf = new byte[BUFFER];
        int len = 0;
        int start = 0;
        int prevStart = 0;
        int prevLen = 0;
        int resume = -1;
        int shared = -1;
        for (;;) {
            for (;;) {
                int nl = -1;
                int from;
                if (resume >= 0) {
                    from = resume;
                } else {
                    int lim = Math.min(prevLen, len - start);
                    int m = lim == 0 ? 0 : Arrays.mismatch(buf, prevStart, prevStart + lim, buf, start, start + lim);
                    int same = m < 0 ? lim : m;
                    if (same == prevLen && prevLen > 0) {
                        nl = start + prevLen - 1;
                    }
                    // exact only when the comparison did not stop at the end of the bytes read so far
                    shared = prevLen > 0 && (m >= 0 || same == prevLen) ? same : -1;
                    from = start + same;
                }
                if (nl < 0) {
                    for (int i = from; i < len; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                }
                if (nl < 0) {
                    resume = len;
                    break;
                }
                resume = -1;
                parser.line(buf, start, nl, shared);
                prevStart = start;
                prevLen = nl - start + 1;
                start = nl + 1;
            }
            int keep = prevLen > 0 ? prevStart : start;
            if (keep > 0) {
                System.arraycopy(buf, keep, buf, 0, len - keep);
                len -= keep;
                start -= keep;
                prevStart -= keep;
                resume -= keep;
            }
            if (len - start >= MAX_LINE) {
                parser.tooLong();
                len = skipRestOfLine(in, buf);
                if (len < 0) {
                    return parser.result();
                }
                start = 0;
                prevStart = 0;
                prevLen = 0;
                resume = -1;
                continue;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                if (len > start) {
                    parser.line(buf, start, len, -1);
                }
                return parser.result();
            }
            len += n;
        }
    }

    /** Reads past the next newline; moves what follows it to the buffer's start and returns its length, -1 at the end. */
    private static int skipRestOfLine(InputStream in, byte[] buf) throws IOException {
        for (;;) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                return -1;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    System.arraycopy(buf, i + 1, buf, 0, n - i - 1);
                    return n - i - 1;
                }
            }
        }
    }

    /** Parses one line; kept apart from the buffering so that tests and other readers can feed lines. */
    static final class LineParser {
        private static final double LIMIT = 0x1p63;

        private final FoldedLineSink lines;
        private final StackSink stacks;
        private long lineNo;
        private long valid;
        private long invalid;
        private long firstInvalid;
        private boolean previousHanded;
        // the last count parsed: exact when whole, as a long
        private long whole;
        private boolean fractional;

        /** One of the two sinks, the other null. */
        LineParser(FoldedLineSink lines, StackSink stacks) {
            this.lines = lines;
            this.stacks = stacks;
        }

        void line(byte[] buf, int from, int to) {
            line(buf, from, to, -1);
        }

        /** {@code shared}: bytes in common with the previous line, or -1 (see {@link FoldedLineSink}). */
        void line(byte[] buf, int from, int to, int shared) {
            boolean afterHanded = previousHanded;
            previousHanded = false;
            lineNo++;
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            int countStart = countStart(buf, from, to);
            double last = countStart < 0 ? -1 : parseCount(buf, countStart, to);
            if (last < 0) {
                if (countStart >= 0 || !blank(buf, from, to)) {
                    invalid();
                }
                return;
            }
            long lastWhole = whole;
            boolean lastFractional = fractional;
            int stackEnd = countStart - 1;
            int otherStart = countStart(buf, from, stackEnd);
            double other = otherStart < 0 ? Double.NaN : parseCount(buf, otherStart, stackEnd);
            if (other < 0) {
                otherStart = -1;
                other = Double.NaN;
            } else if (otherStart >= 0) {
                stackEnd = otherStart - 1;
            }
            valid++;
            previousHanded = true;
            if (lines != null) {
                int hint = afterHanded ? shared : -1;
                if (otherStart < 0) {
                    lines.accept(buf, from, stackEnd, last, Double.NaN, hint);
                } else {
                    lines.accept(buf, from, stackEnd, other, last, hint);
                }
            } else {
                String stack = new String(buf, from, stackEnd - from, StandardCharsets.ISO_8859_1);
                if (lastFractional) {
                    stacks.accept(stack, last);
                } else {
                    stacks.accept(stack, lastWhole);
                }
            }
        }

        /** A line of {@link #MAX_LINE} bytes or more, skipped unread. */
        void tooLong() {
            lineNo++;
            previousHanded = false;
            invalid();
        }

        ParseStats result() {
            return new ParseStats(invalid, firstInvalid, valid);
        }

        private void invalid() {
            invalid++;
            if (firstInvalid == 0) {
                firstInvalid = lineNo;
            }
        }

        /** Where {@code \s(\d+(\.\d*)?)$} matches in buf[from, to): the count's first byte, or -1. */
        private static int countStart(byte[] buf, int from, int to) {
            int i = to;
            int dots = 0;
            while (i > from) {
                byte b = buf[i - 1];
                if (b >= '0' && b <= '9') {
                    i--;
                } else if (b == '.') {
                    dots++;
                    i--;
                } else {
                    break;
                }
            }
            if (i == to || i == from || dots > 1 || buf[i] == '.' || !whitespace(buf[i - 1])) {
                return -1;
            }
            return i;
        }

        private static boolean whitespace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
        }

        private static boolean blank(byte[] buf, int from, int to) {
            for (int i = from; i < to; i++) {
                if (!whitespace(buf[i])) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The count in buf[from, to), as {@link #countStart} found it; -1 when it is 2^63 or more.
         * Sets {@link #whole} and {@link #fractional}.
         */
        private double parseCount(byte[] buf, int from, int to) {
            long v = 0;
            int i = from;
            while (i < to && buf[i] != '.') {
                int digit = buf[i] - '0';
                if (v > (Long.MAX_VALUE - digit) / 10) {
                    return -1;
                }
                v = v * 10 + digit;
                i++;
            }
            whole = v;
            fractional = false;
            for (int k = i + 1; k < to; k++) {
                if (buf[k] != '0') {
                    fractional = true;
                    double d = Double.parseDouble(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
                    return d < LIMIT ? d : -1;
                }
            }
            return v;
        }
    }
}
