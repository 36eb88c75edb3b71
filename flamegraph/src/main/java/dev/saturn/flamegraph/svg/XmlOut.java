package dev.saturn.flamegraph.svg;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Buffered XML out, encoded straight into bytes: markup as is, text escaped. Every text passes through
 * {@link #text}, which escapes {@code & < > " '}, turns characters XML forbids (controls,
 * non-characters, lone surrogates) into visible ones and, in an encoding other than UTF-8, writes
 * what that encoding lacks as a character reference. So the output is well-formed whatever the
 * names hold. Other encodings are written as UTF-8 here and transcoded when the buffer is flushed.
 */
final class XmlOut {
    private static final int FLUSH_AT = 1 << 16;
    private static final long[] TENS = {1, 10, 100, 1000};

    private final OutputStream out;
    private final CharsetEncoder probe;
    private final Transcoder transcoder;
    private byte[] buf = new byte[FLUSH_AT + 8192];
    private int pos;

    XmlOut(OutputStream out, Charset charset) {
        this.out = out;
        boolean utf8 = charset.equals(StandardCharsets.UTF_8);
        this.probe = utf8 ? null : charset.newEncoder();
        this.transcoder = utf8 ? null : new Transcoder(charset);
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            byte[] grown = new byte[Math.max(buf.length * 2, pos + n)];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
        }
    }

    /** Markup: ASCII only. */
    XmlOut raw(String s) {
        int n = s.length();
        room(n);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            b[p++] = (byte) s.charAt(i);
        }
        pos = p;
        return this;
    }

    XmlOut raw(char c) {
        room(1);
        buf[pos++] = (byte) c;
        return this;
    }

    XmlOut raw(long v) {
        room(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        digits(v, 1);
        return this;
    }

    /** Writes v (>= 0) with at least {@code min} digits. */
    private void digits(long v, int min) {
        room(20);
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        n = Math.max(n, min);
        int end = pos + n;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos = end;
    }

    /** Escaped character data or attribute value. */
    XmlOut text(String s) {
        return text(s, 0, s.length());
    }

    XmlOut text(String s, int from, int to) {
        room((to - from) * 3 + 8);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                switch (c) {
                    case '&' -> entity("&amp;");
                    case '<' -> entity("&lt;");
                    case '>' -> entity("&gt;");
                    case '"' -> entity("&quot;");
                    case '\'' -> entity("&#39;");
                    default -> buf[pos++] = (byte) c;
                }
            } else if (c < 0x20) {
                unicode(0x2400 + c);
            } else if (c == 0x7f) {
                unicode(0x2421);
            } else if (c == 0xfffe || c == 0xffff) {
                unicode(0xfffd);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    unicode(Character.toCodePoint(c, s.charAt(++i)));
                } else {
                    unicode(0xfffd);
                }
            } else if (Character.isLowSurrogate(c)) {
                unicode(0xfffd);
            } else {
                unicode(c);
            }
        }
        return this;
    }

    /** Like {@link #text} but keeps line breaks (for the style sheet). */
    XmlOut lines(String s) {
        int from = 0;
        for (int nl; (nl = s.indexOf('\n', from)) >= 0; from = nl + 1) {
            text(s, from, nl).raw('\n');
        }
        return text(s, from, s.length());
    }

    private void entity(String e) {
        room(e.length());
        for (int i = 0; i < e.length(); i++) {
            buf[pos++] = (byte) e.charAt(i);
        }
    }

    /** A code point as UTF-8, or as a character reference when the target encoding lacks it. */
    private void unicode(int cp) {
        room(12);
        if (probe != null && !probe.canEncode(new String(Character.toChars(cp)))) {
            entity("&#x");
            String hex = Integer.toHexString(cp);
            entity(hex);
            buf[pos++] = ';';
        } else if (cp < 0x80) {
            buf[pos++] = (byte) cp;
        } else if (cp < 0x800) {
            buf[pos++] = (byte) (0xc0 | cp >> 6);
            buf[pos++] = (byte) (0x80 | cp & 0x3f);
        } else if (cp < 0x10000) {
            buf[pos++] = (byte) (0xe0 | cp >> 12);
            buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3f);
            buf[pos++] = (byte) (0x80 | cp & 0x3f);
        } else {
            buf[pos++] = (byte) (0xf0 | cp >> 18);
            buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3f);
            buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3f);
            buf[pos++] = (byte) (0x80 | cp & 0x3f);
        }
    }

    /** {@code v} rounded half up to {@code decimals} (0 to 3) places, always printing them. */
    XmlOut fixed(double v, int decimals) {
        long scale = TENS[decimals];
        double a = Math.abs(v) * scale;
        if (!(a < 9e17)) {
            return raw(BigDecimal.valueOf(Double.isFinite(v) ? v : 0).setScale(decimals, RoundingMode.HALF_UP).toPlainString());
        }
        long r = Math.round(a);
        if (v < 0 && r != 0) {
            raw('-');
        }
        digits(r / scale, 1);
        if (decimals > 0) {
            raw('.');
            digits(r % scale, decimals);
        }
        return this;
    }

    /** {@code v} rounded to 2 places, without trailing zeros ("143.5", "16"). */
    XmlOut trimmed(double v) {
        int start = pos;
        fixed(v, 2);
        while (buf[pos - 1] == '0') {
            pos--;
        }
        if (buf[pos - 1] == '.') {
            pos--;
        }
        if (pos - start == 2 && buf[start] == '-' && buf[start + 1] == '0') {
            pos = start;
            raw('0');
        }
        return this;
    }

    /** A count for people: 1234567 as "1,234,567"; fractions keep up to 3 decimals ("2.5"). */
    XmlOut count(double v) {
        if (v < 0) {
            raw('-');
            v = -v;
        }
        if (!(v < 9e15)) {
            String s = BigDecimal.valueOf(Double.isFinite(v) ? v : 0).setScale(0, RoundingMode.HALF_UP).toPlainString();
            return grouped(s);
        }
        long milli = Math.round(v * 1000);
        long whole = milli / 1000;
        long frac = milli % 1000;
        room(32);
        int start = pos;
        digits(whole, 1);
        int n = pos - start;
        if (n > 3) {
            int commas = (n - 1) / 3;
            byte[] b = buf;
            int src = pos - 1;
            int dst = pos - 1 + commas;
            for (int k = 0; src >= start; k++) {
                if (k > 0 && k % 3 == 0) {
                    b[dst--] = ',';
                }
                b[dst--] = b[src--];
            }
            pos += commas;
        }
        if (frac != 0) {
            raw('.');
            digits(frac, 3);
            trimZeros();
        }
        return this;
    }

    private void trimZeros() {
        while (buf[pos - 1] == '0') {
            pos--;
        }
    }

    private XmlOut grouped(String digits) {
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        raw(digits.substring(0, lead));
        for (int i = lead; i < digits.length(); i += 3) {
            raw(',').raw(digits.substring(i, i + 3));
        }
        return this;
    }

    /** Writes the buffer out once it is large; call between elements. */
    void maybeFlush() throws IOException {
        if (pos >= FLUSH_AT) {
            drain(false);
        }
    }

    void finish() throws IOException {
        drain(true);
        out.flush();
    }

    private void drain(boolean end) throws IOException {
        if (transcoder == null) {
            out.write(buf, 0, pos);
        } else {
            transcoder.write(buf, pos, end, out);
        }
        pos = 0;
    }

    /** UTF-8 (always whole sequences: drains happen between elements) to the target charset, one encoder for the document. */
    private static final class Transcoder {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        private final CharsetEncoder encoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);

        Transcoder(Charset charset) {
            encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        }

        void write(byte[] utf8, int len, boolean end, OutputStream out) throws IOException {
            CharBuffer chars;
            try {
                chars = decoder.decode(ByteBuffer.wrap(utf8, 0, len));
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new IllegalStateException("the SVG writer produced invalid UTF-8", e);
            }
            for (;;) {
                CoderResult r = encoder.encode(chars, bytes, end);
                drainTo(out);
                if (r.isUnderflow()) {
                    break;
                }
            }
            if (end) {
                while (encoder.flush(bytes).isOverflow()) {
                    drainTo(out);
                }
                drainTo(out);
            }
        }

        private void drainTo(OutputStream out) throws IOException {
            bytes.flip();
            out.write(bytes.array(), 0, bytes.limit());
            bytes.clear();
        }
    }
}
