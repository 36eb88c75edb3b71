package dev.saturn.profiling.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackRingTest {
    @Test
    void manyDistinctStacksStayWithinTheCapsAndTheRestIsCounted() {
        StackRing ring = new StackRing(30, 100, 20_000);
        String frames = "main;serve;handle;parse;".repeat(5);
        // 300 seconds of 5,000 distinct stacks a second: a process that never repeats a stack
        for (long second = 1000; second < 1300; second++) {
            for (int i = 0; i < 5000; i++) {
                ring.add(second, "app;" + frames + "leaf_" + second + "_" + i, 1);
            }
            assertTrue(ring.heldStacks() <= 30 * 100, ring.heldStacks() + " stacks held");
            assertTrue(ring.heldChars() <= 30 * 20_000, ring.heldChars() + " characters held");
        }
        assertEquals(30 * 100, ring.heldStacks(), "each of the 30 seconds keeps its cap");

        Map<String, Long> copied = new HashMap<>();
        RingSlice slice = ring.before(1300L * 1_000_000_000L, 30, (stack, weight) -> copied.merge(stack, weight, Long::sum), "[before trigger]");
        assertEquals(30, slice.seconds());
        assertEquals(30 * 5000, slice.samples(), "every sample counted, kept by stack or not");
        assertEquals(30 * 4900, slice.overCapSamples());
        assertEquals(30 * 4900L, copied.get("[before trigger];" + StackRing.OVER_CAP), "what the cap left out is a frame of its own");
        assertEquals(30 * 5000L, copied.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void theSecondsBeforeTheMomentAreCopiedAndItsOwnSecondIsNot() {
        StackRing ring = new StackRing(10, 100, 100_000);
        for (long second = 0; second < 25; second++) {
            ring.add(second, "p;s" + second, second + 1);
        }
        Map<String, Long> copied = new HashMap<>();
        RingSlice slice = ring.before(20_500_000_000L, 5, (stack, weight) -> copied.merge(stack, weight, Long::sum), null);
        assertEquals(Map.of("p;s15", 16L, "p;s16", 17L, "p;s17", 18L, "p;s18", 19L, "p;s19", 20L), copied);
        assertEquals(5, slice.seconds());
        // a sample for a second that has left the ring is not kept
        ring.add(3, "p;late", 7);
        assertEquals(7, ring.lateSamples());
        assertEquals(RingSlice.EMPTY, new StackRing(5, 1, 1).before(1_000_000_000L, 5, (s, w) -> { }, null));
    }
}
