package dev.saturn.flamegraph.folded;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads folded stacks line by line, with flamegraph.pl's rules: a line is {@code frame;frame;leaf COUNT}
 * or, for a differential profile, {@code stack COUNT1 COUNT2}; a count is {@code \d+(\.\d*)?} (so
 * {@code 12} and {@code 1.5}, not {@code .5}, {@code -1} or {@code 1e3}) after one whitespace
 * character, and everything before that character is the stack, exactly as written.
 *
 * <p>Bytes are handed over as they are (the caller treats them as ISO-8859-1 chars, so any byte
 * survives); memory is one buffer as long as the longest line. Differences from flamegraph.pl: a
 * trailing CR is ignored (CRLF files), blank lines are skipped rather than counted as invalid, and
 * the last line needs no newline.
 */
public final class FoldedReader {
    private static final int BUFFER = 1 << 20;

    private FoldedReader() {
    }

    /** Receives every valid line, in input order. */
    @FunctionalInterface
    public interface LineSink {
        /**
         * The stack is {@code buf[from, to)}, frames separated by ';'. {@code first} is the line's
         * only count, or the first of two; {@code second} is NaN on a one-count line.
         */
        void accept(byte[] buf, int from, int to, double first, double second);

        /**
         * The same, where {@code shared} is how many bytes the line (count and newline included)
         * has in common with the previous line, which was valid and handed over just before: the
         * reader has compared them anyway, and a sink that compares stacks can start from it. -1
         * when unknown.
         */
        default void accept(byte[] buf, int from, int to, double first, double second, int shared) {
            accept(buf, from, to, first, second);
        }
    }

    /** What one read found; line numbers are 1-based, {@code firstInvalidLine} 0 when none. */
    public record Result(long validLines, long invalidLines, long firstInvalidLine, long differentialLines) {
        public static final Result EMPTY = new Result(0, 0, 0, 0);

        public boolean differential() {
            return differentialLines > 0;
        }

        /** "Ignored 3 lines with invalid format, first at line 17", or "" when every line was valid. */
        public String invalidMessage() {
            if (invalidLines == 0) {
                return "";
            }
            return "Ignored " + invalidLines + (invalidLines == 1 ? " line" : " lines")
                    + " with invalid format, first at line " + firstInvalidLine;
        }

        public Result plus(Result o) {
            return new Result(validLines + o.validLines, invalidLines + o.invalidLines,
                    firstInvalidLine != 0 ? firstInvalidLine : o.firstInvalidLine, differentialLines + o.differentialLines);
        }
    }

    /**
     * Reads {@code in} to its end (it is not closed). Folded files repeat long prefixes from line to
     * line (about 85% of the bytes of perf profiles), so the bytes a line shares with the previous
     * one are compared eight at a time rather than scanned for the newline.
     */
    public static Result read(InputStream in, LineSink sink) throws IOException {
        LineParser parser = new LineParser(sink);
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

    /** Parses one line; kept apart from the buffering so that tests and other readers can feed lines. */
    static final class LineParser {
        private final LineSink sink;
        private long lineNo;
        private long valid;
        private long invalid;
        private long firstInvalid;
        private long differential;
        private boolean previousHanded;

        LineParser(LineSink sink) {
            this.sink = sink;
        }

        void line(byte[] buf, int from, int to) {
            line(buf, from, to, -1);
        }

        /** {@code shared}: bytes in common with the previous line, or -1 (see {@link LineSink}). */
        void line(byte[] buf, int from, int to, int shared) {
            boolean afterHanded = previousHanded;
            previousHanded = false;
            lineNo++;
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            int countStart = countStart(buf, from, to);
            if (countStart < 0) {
                if (!blank(buf, from, to)) {
                    invalid++;
                    if (firstInvalid == 0) {
                        firstInvalid = lineNo;
                    }
                }
                return;
            }
            double last = parseCount(buf, countStart, to);
            int stackEnd = countStart - 1;
            int otherStart = countStart(buf, from, stackEnd);
            valid++;
            previousHanded = true;
            int hint = afterHanded ? shared : -1;
            if (otherStart < 0) {
                sink.accept(buf, from, stackEnd, last, Double.NaN, hint);
            } else {
                differential++;
                sink.accept(buf, from, otherStart - 1, parseCount(buf, otherStart, stackEnd), last, hint);
            }
        }

        Result result() {
            return new Result(valid, invalid, firstInvalid, differential);
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

        private static double parseCount(byte[] buf, int from, int to) {
            long v = 0;
            int i = from;
            while (i < to && buf[i] != '.') {
                if (i - from >= 18) {
                    return Double.parseDouble(new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                v = v * 10 + (buf[i] - '0');
                i++;
            }
            if (i >= to - 1) {
                return v;
            }
            return Double.parseDouble(new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }
}
