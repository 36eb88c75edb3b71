package dev.saturn.collectors.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.testkit.Needs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The perf_event_open plumbing (JNA, the attr layout, one counter per CPU, reads) through software
 * events, which a VM without a PMU still has: system-wide cpu-clock must count about ncpu × the
 * wall time slept.
 */
class PmuCountersTest {
    private static final int PERF_TYPE_SOFTWARE = 1;
    private static final int PERF_COUNT_SW_CPU_CLOCK = 0;
    private static final int PERF_COUNT_SW_CONTEXT_SWITCHES = 3;

    @Test
    void systemWideSoftwareCountersCountWallTimeOnEveryCpu() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        Reading<PmuCounters> counters = PmuCounters.openEvents(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK,
                PERF_COUNT_SW_CONTEXT_SWITCHES, cpus);
        Needs.machine(counters.isAvailable(), "perf_event_open refused here: " + counters.reason());
        try (PmuCounters c = counters.value()) {
            PmuCounts before = c.read();
            long start = System.nanoTime();
            Thread.sleep(300);
            PmuCounts after = c.read();
            double wallNs = System.nanoTime() - start;
            double clockNs = after.cycles() - before.cycles();
            assertEquals(cpus * wallNs, clockNs, 0.1 * cpus * wallNs, "cpu-clock on every CPU counts wall time");
            assertTrue(after.instructions() > before.instructions(), "context switches happened while sleeping");
        }
    }

    @Test
    void noPmuIsUnavailableWithTheReason(@TempDir Path emptySys) {
        Reading<PmuCounters> r = PmuCounters.open(HostPaths.liveAt(Path.of("/proc"), emptySys), 2);
        assertTrue(r.reason().startsWith("no PMU"), r.reason());
    }
}
