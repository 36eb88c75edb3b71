package dev.saturn.flamegraph.pprof;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The little of the protobuf wire format that profile.proto needs: varints, length-delimited
 * strings and messages, packed repeated varints. A message is built in its own writer and then
 * copied into its parent as bytes.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] buf;
    private int size;

    ProtoWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }

    void reset() {
        size = 0;
    }

    /** A varint field; 0, the default, is left out as proto3 does. */
    ProtoWriter varint(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            rawVarint(value);
        }
        return this;
    }

    ProtoWriter string(int field, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        rawVarint(bytes.length);
        raw(bytes, 0, bytes.length);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(message.size);
        raw(message.buf, 0, message.size);
        return this;
    }

    /** A packed repeated varint field, {@code values[0, count)}. */
    ProtoWriter packed(int field, long[] values, int count) {
        if (count == 0) {
            return this;
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length += varintSize(values[i]);
        }
        tag(field, LENGTH_DELIMITED);
        rawVarint(length);
        for (int i = 0; i < count; i++) {
            rawVarint(values[i]);
        }
        return this;
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    private void raw(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
