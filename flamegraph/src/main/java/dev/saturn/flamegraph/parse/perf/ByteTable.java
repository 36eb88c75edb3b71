package dev.saturn.flamegraph.parse.perf;

import java.util.Arrays;

/**
 * Distinct byte strings numbered 0, 1, 2... in the order they were added: open addressing over one
 * {@code long[]} (hash in the high half, id + 1 in the low half), the bytes in one growing arena.
 * The caller computes the hash, so that a table can key lines on a prefix of their bytes.
 */
final class ByteTable {
    private long[] slots = new long[1 << 10];
    private int[] offsets = new int[1 << 9];
    private int[] lengths = new int[1 << 9];
    private byte[] arena = new byte[1 << 14];
    private int arenaUsed;
    private int size;

    int size() {
        return size;
    }

    long arenaBytes() {
        return arenaUsed;
    }

    byte[] arena() {
        return arena;
    }

    int offset(int id) {
        return offsets[id];
    }

    int length(int id) {
        return lengths[id];
    }

    /** The id of {@code b[off, off+len)}, or -1. */
    int find(byte[] b, int off, int len, int hash) {
        int mask = slots.length - 1;
        for (int i = mix(hash) & mask;; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == hash) {
                int id = (int) slot - 1;
                int o = offsets[id];
                if (lengths[id] == len && Arrays.equals(arena, o, o + len, b, off, off + len)) {
                    return id;
                }
            }
        }
    }

    /**
     * The id of the line that starts at {@code off}: a stored key equal to the bytes there and
     * followed by '\n' before {@code limit}; -1 when none.
     */
    int findLine(byte[] b, int off, int limit, int hash) {
        long[] s = slots;
        int mask = s.length - 1;
        for (int i = mix(hash) & mask;; i = (i + 1) & mask) {
            long slot = s[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == hash) {
                int id = (int) slot - 1;
                int len = lengths[id];
                int end = off + len;
                int o = offsets[id];
                if (end < limit && b[end] == '\n' && Arrays.equals(arena, o, o + len, b, off, end)) {
                    return id;
                }
            }
        }
    }

    /** Whether the line that starts at {@code off} is entry {@code id} followed by '\n' before {@code limit}. */
    boolean isLineAt(int id, byte[] b, int off, int limit) {
        int len = lengths[id];
        int end = off + len;
        int o = offsets[id];
        return end < limit && b[end] == '\n' && Arrays.equals(arena, o, o + len, b, off, end);
    }

    /** Adds {@code b[off, off+len)}, which must not be in the table yet; returns its id. */
    int add(byte[] b, int off, int len, int hash) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        System.arraycopy(b, off, arena, arenaUsed, len);
        int id = size++;
        offsets[id] = arenaUsed;
        lengths[id] = len;
        arenaUsed += len;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        insert(slots, hash, id);
        return id;
    }

    /** Finds or adds. */
    int intern(byte[] b, int off, int len) {
        int hash = hash(b, off, len);
        int id = find(b, off, len, hash);
        return id >= 0 ? id : add(b, off, len, hash);
    }

    static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    private void rehash(int capacity) {
        long[] grown = new long[capacity];
        for (long slot : slots) {
            if (slot != 0) {
                insert(grown, (int) (slot >>> 32), (int) slot - 1);
            }
        }
        slots = grown;
    }

    private static void insert(long[] table, int hash, int id) {
        int mask = table.length - 1;
        int i = mix(hash) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = ((long) hash << 32) | ((id + 1) & 0xFFFFFFFFL);
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }
}
