package dev.saturn.flamegraph.parse.pprof;

import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format read over bytes in memory, as much of it as profile.proto uses: each
 * field's number and wire type, varints, length-delimited bytes (strings, messages, packed
 * repeated varints). Bytes that do not follow the format are a {@link Malformed} naming where.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private final int base;
    private int pos;
    private final int limit;
    private int field;
    private int wireType;
    private int valueStart;
    private int valueEnd;

    /** Bytes that are not the protobuf a reader expected. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    ProtoReader(byte[] buf, int from, int to) {
        this.buf = buf;
        this.base = from;
        this.pos = from;
        this.limit = to;
    }

    /** Moves to the next field; false at the end. */
    boolean next() throws Malformed {
        if (pos >= limit) {
            return false;
        }
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field == 0 || tag >>> 3 > Integer.MAX_VALUE) {
            throw new Malformed("field number 0 at byte " + (pos - base));
        }
        switch (wireType) {
            case VARINT -> {
                valueStart = pos;
                varint();
                valueEnd = pos;
            }
            case FIXED64 -> skip(8);
            case LENGTH_DELIMITED -> {
                long length = varint();
                if (length > limit - pos) {
                    throw new Malformed("a field of " + length + " bytes runs past the end (" + (limit - pos) + " left) at byte " + (pos - base));
                }
                valueStart = pos;
                pos += (int) length;
                valueEnd = pos;
            }
            case FIXED32 -> skip(4);
            default -> throw new Malformed("wire type " + wireType + " at byte " + (pos - base));
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    /** The current varint field's value. */
    long longValue() throws Malformed {
        if (wireType != VARINT) {
            throw new Malformed("field " + field + " is not a number");
        }
        return new ProtoReader(buf, valueStart, valueEnd).varint();
    }

    /** The current length-delimited field, as a reader of its bytes. */
    ProtoReader message() throws Malformed {
        if (wireType != LENGTH_DELIMITED) {
            throw new Malformed("field " + field + " is not a message");
        }
        return new ProtoReader(buf, valueStart, valueEnd);
    }

    String string() throws Malformed {
        if (wireType != LENGTH_DELIMITED) {
            throw new Malformed("field " + field + " is not a string");
        }
        return new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
    }

    /** A repeated varint field, packed or one value: appends its values to {@code to}. */
    void repeated(LongList to) throws Malformed {
        if (wireType == VARINT) {
            to.add(longValue());
        } else if (wireType == LENGTH_DELIMITED) {
            ProtoReader packed = message();
            while (packed.pos < packed.limit) {
                to.add(packed.varint());
            }
        } else {
            throw new Malformed("field " + field + " is not a list of numbers");
        }
    }

    private long varint() throws Malformed {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new Malformed("a number runs past the end at byte " + (pos - base));
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new Malformed("a number longer than 10 bytes at byte " + (pos - base));
    }

    private void skip(int n) throws Malformed {
        if (limit - pos < n) {
            throw new Malformed("a field runs past the end at byte " + (pos - base));
        }
        pos += n;
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long get(int i) {
            return values[i];
        }

        void clear() {
            size = 0;
        }
    }
}
