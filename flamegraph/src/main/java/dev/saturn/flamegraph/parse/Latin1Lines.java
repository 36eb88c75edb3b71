package dev.saturn.flamegraph.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a text input as Strings with one char per byte (ISO-8859-1), so that any bytes survive.
 * Only '\n' ends a line, as in Perl's stackcollapse scripts: a '\r' or NUL inside a name stays
 * there; one '\r' before the '\n' (CRLF files) is dropped. The last line needs no '\n'.
 * A line of {@link #MAX_LINE} bytes or more is skipped whole and returned as "" with
 * {@link #tooLong()} set, so one newline-free binary file cannot exhaust the heap.
 */
public final class Latin1Lines {
    public static final int MAX_LINE = 32 << 20;

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long number;
    private boolean tooLong;

    public Latin1Lines(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public String next() throws IOException {
        tooLong = false;
        int scan = pos;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    String line = take(i);
                    pos = i + 1;
                    return line;
                }
            }
            scan = limit;
            if (eof) {
                if (pos == limit) {
                    return null;
                }
                String line = take(limit);
                pos = limit;
                return line;
            }
            if (limit - pos >= MAX_LINE) {
                return skipRestOfLine();
            }
            scan -= fill();
        }
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    public long number() {
        return number;
    }

    /** Whether the line {@link #next()} returned last reached {@link #MAX_LINE} and was dropped. */
    public boolean tooLong() {
        return tooLong;
    }

    private String take(int end) {
        number++;
        int e = end > pos && buf[end - 1] == '\r' ? end - 1 : end;
        return new String(buf, pos, e - pos, StandardCharsets.ISO_8859_1);
    }

    /** Reads more input after the unread part, which moves to the buffer's start; returns the shift. */
    private int fill() throws IOException {
        int shift = pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE + 1));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return shift;
    }

    private String skipRestOfLine() throws IOException {
        number++;
        tooLong = true;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    return "";
                }
            }
            pos = 0;
            limit = 0;
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return "";
            }
            limit = n;
        }
    }
}
