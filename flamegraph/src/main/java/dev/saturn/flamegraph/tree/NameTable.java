package dev.saturn.flamegraph.tree;

import java.nio.charset.StandardCharsets;

/** Interns frame names from byte ranges without building a String per frame. */
final class NameTable {
    private Name[] slots = new Name[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    Name intern(byte[] buf, int from, int to) {
        return intern(buf, from, to, hash(buf, from, to));
    }

    static int hash(byte[] buf, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }

    /** {@code h} must be {@link #hash} of the range (callers that scan the bytes anyway compute it on the way). */
    Name intern(byte[] buf, int from, int to, int h) {
        int mask = slots.length - 1;
        int i = (h ^ (h >>> 16)) & mask;
        for (;;) {
            Name n = slots[i];
            if (n == null) {
                n = new Name(java.util.Arrays.copyOfRange(buf, from, to), size++);
                slots[i] = n;
                hashes[i] = h;
                if (size * 2 > slots.length) {
                    grow();
                }
                return n;
            }
            if (hashes[i] == h && n.equalsBytes(buf, from, to)) {
                return n;
            }
            i = (i + 1) & mask;
        }
    }

    Name intern(String raw) {
        byte[] b = raw.getBytes(StandardCharsets.ISO_8859_1);
        return intern(b, 0, b.length);
    }

    int size() {
        return size;
    }

    /** Every name, by id: in the order they first appeared. */
    Name[] inOrder() {
        Name[] out = new Name[size];
        for (Name n : slots) {
            if (n != null) {
                out[n.id()] = n;
            }
        }
        return out;
    }

    /** The same name in this table: {@code n}'s bytes interned here. */
    Name intern(Name n) {
        byte[] b = n.bytes();
        return intern(b, 0, b.length);
    }

    private void grow() {
        Name[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new Name[oldSlots.length * 2];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] != null) {
                int h = oldHashes[j];
                int i = (h ^ (h >>> 16)) & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[j];
                hashes[i] = h;
            }
        }
    }
}
