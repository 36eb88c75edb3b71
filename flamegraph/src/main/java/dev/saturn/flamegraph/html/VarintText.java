package dev.saturn.flamegraph.html;

/**
 * Non-negative integers as text, 5 bits a character, lowest bits first: '?' to '^' end a number,
 * '_' to '~' continue it. No '<', '&' or quote, so the text sits in a script element as it is; the
 * page's script reads it back (readVarint in flamegraph-html.js). Up to 2^53, a double's integers.
 */
final class VarintText {
    static final long MAX = 1L << 53;
    private static final int LAST = 0x3f;
    private static final int MORE = 0x5f;

    private byte[] buf = new byte[1 << 16];
    private int size;

    void put(long v) {
        if (v < 0 || v > MAX) {
            throw new IllegalArgumentException("out of range: " + v);
        }
        if (size + 11 > buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        while (v >= 32) {
            buf[size++] = (byte) (MORE + (v & 31));
            v >>>= 5;
        }
        buf[size++] = (byte) (LAST + v);
    }

    int size() {
        return size;
    }

    void writeTo(java.io.OutputStream out) throws java.io.IOException {
        out.write(buf, 0, size);
    }
}
