package dev.saturn.flamegraph.parse.perf;

import java.util.Arrays;

/**
 * Distinct stacks as sequences of ids (process name, then frame groups, caller first) and their
 * summed weights. Samples repeat the same few stacks, so counting ids here and spelling each
 * distinct stack out once at the end saves building a string per sample.
 */
final class StackCounter {
    private long[] slots = new long[1 << 10];
    private int[] offsets = new int[1 << 9];
    private int[] lengths = new int[1 << 9];
    private long[] weights = new long[1 << 9];
    private int[] arena = new int[1 << 14];
    private int arenaUsed;
    private int size;

    int size() {
        return size;
    }

    long weight(int stack) {
        return weights[stack];
    }

    /** The ids of stack {@code stack}: process name first. */
    int[] ids(int stack) {
        return Arrays.copyOfRange(arena, offsets[stack], offsets[stack] + lengths[stack]);
    }

    /** Counts the stack {@code name; leafFirst[count-1]; ...; leafFirst[0]}. */
    void add(int name, int[] leafFirst, int count, long weight) {
        int hash = 31 + name;
        for (int i = count - 1; i >= 0; i--) {
            hash = 31 * hash + leafFirst[i];
        }
        int len = count + 1;
        int mask = slots.length - 1;
        int i = mix(hash) & mask;
        for (long slot = slots[i]; slot != 0; slot = slots[i = (i + 1) & mask]) {
            if ((int) (slot >>> 32) == hash) {
                int id = (int) slot - 1;
                if (lengths[id] == len && same(offsets[id], name, leafFirst, count)) {
                    weights[id] += weight;
                    return;
                }
            }
        }
        int id = append(name, leafFirst, count);
        weights[id] = weight;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        } else {
            slots[i] = ((long) hash << 32) | (id + 1);
        }
    }

    private boolean same(int off, int name, int[] leafFirst, int count) {
        if (arena[off] != name) {
            return false;
        }
        for (int k = 0, j = off + count; k < count; k++, j--) {
            if (arena[j] != leafFirst[k]) {
                return false;
            }
        }
        return true;
    }

    private int append(int name, int[] leafFirst, int count) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        int len = count + 1;
        if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
        }
        int off = arenaUsed;
        arena[off] = name;
        for (int k = 0; k < count; k++) {
            arena[off + count - k] = leafFirst[k];
        }
        arenaUsed += len;
        int id = size++;
        offsets[id] = off;
        lengths[id] = len;
        return id;
    }

    private void rehash(int capacity) {
        long[] grown = new long[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int hash = 31 + arena[offsets[id]];
            for (int k = 1; k < lengths[id]; k++) {
                hash = 31 * hash + arena[offsets[id] + k];
            }
            int i = mix(hash) & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = ((long) hash << 32) | (id + 1);
        }
        slots = grown;
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) * 0x45d9f3b;
    }
}
