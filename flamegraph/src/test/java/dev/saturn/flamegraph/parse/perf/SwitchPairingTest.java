package dev.saturn.flamegraph.parse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchPairingTest {
    private static Map<String, Long> micros(SwitchPairing p) {
        Map<String, Long> out = new LinkedHashMap<>();
        p.finish(out::put);
        return out;
    }

    @Test
    void eachSwitchOutIsClosedByTheSameThreadsNextSwitchIn() {
        SwitchPairing p = new SwitchPairing();
        p.switchOut(1, 1_000_000, "a", false);
        p.switchOut(2, 1_500_000, "b", false);
        p.switchIn(1, 4_000_000);
        p.switchIn(1, 9_000_000); // a second switch-in (the tracepoint's next_pid and perf's record) adds nothing
        p.switchIn(2, 2_000_400);
        p.switchOut(1, 5_000_000, "a", false);
        p.switchIn(1, 6_000_000);
        assertEquals(Map.of("a", 4000L, "b", 500L), micros(p));
        assertEquals(3, p.intervals());
    }

    @Test
    void theSwitchRecordAfterTheTracepointStartsTheInterval() {
        SwitchPairing p = new SwitchPairing();
        p.switchedOut(1, 500_000); // no tracepoint before it: no stack, nothing to move
        p.switchOut(1, 1_000_000, "a", false);
        p.switchedOut(1, 1_080_000);
        p.switchIn(1, 2_080_000);
        assertEquals(Map.of("a", 1000L), micros(p));
    }

    @Test
    void aSwitchInWithoutASwitchOutCountsNothing() {
        SwitchPairing p = new SwitchPairing();
        p.switchIn(3, 1_000_000);
        assertEquals(Map.of(), micros(p));
    }

    @Test
    void onCpuTimeAddsToItsStackAndRoundsOnceAtTheEnd() {
        SwitchPairing p = new SwitchPairing();
        for (int i = 0; i < 3; i++) {
            p.onCpu("spin", i * 1000L, 400); // 0.4 us each: 1.2 us in all, not three times zero
        }
        assertEquals(Map.of("spin", 1L), micros(p));
    }
}
