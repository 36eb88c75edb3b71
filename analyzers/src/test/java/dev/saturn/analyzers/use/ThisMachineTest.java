package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What this machine cannot measure is unavailable with the reason, never 0; what it can measure
 * is there. Each test checks whichever branch the machine it runs on is in.
 */
class ThisMachineTest {
    private static UseReport report;

    @BeforeAll
    static void sample() throws Exception {
        try (LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), true, true)) {
            report = new UseAnalyzer(Thresholds.defaults()).analyze(sampler.next(Duration.ofMillis(500), f -> { }));
        }
    }

    @Test
    void interconnectNeedsAPmu() {
        ResourceUse ic = CaptureFormulasTest.row(report, "interconnect", null);
        if (Files.isDirectory(Path.of("/sys/bus/event_source/devices/cpu"))) {
            Double ipc = ic.metrics().get("ipc");
            assertTrue(ipc != null && ipc > 0 || ic.unavailableMetrics().get("ipc").contains("perf_event_open"),
                    "with a PMU, IPC is measured or perf_event_open says why not: " + ic.unavailableMetrics());
        } else {
            assertEquals(Status.UNAVAILABLE, ic.saturation().status());
            assertNull(ic.saturation().value());
            assertTrue(ic.saturation().reason().startsWith("no PMU"), ic.saturation().reason());
        }
    }

    @Test
    void runQueueLatencyNeedsSchedstats() {
        ResourceUse cpu = CaptureFormulasTest.row(report, "cpu", null);
        if (Files.exists(Path.of("/proc/schedstat"))) {
            assertTrue(cpu.metrics().get("runq_latency_ms") != null || cpu.unavailableMetrics().containsKey("runq_latency_ms"));
        } else {
            assertNull(cpu.metrics().get("runq_latency_ms"));
            assertTrue(cpu.unavailableMetrics().get("runq_latency_ms").contains("CONFIG_SCHEDSTATS"));
        }
    }

    @Test
    void swapRateNeedsSwap() throws Exception {
        ResourceUse memory = CaptureFormulasTest.row(report, "memory", null);
        boolean noSwap = Files.readAllLines(Path.of("/proc/meminfo")).stream().anyMatch(l -> l.matches("SwapTotal:\\s+0 kB"));
        if (noSwap) {
            assertNull(memory.metrics().get("swap_pages_per_s"));
            assertTrue(memory.unavailableMetrics().get("swap_pages_per_s").contains("no swap"));
        } else {
            assertNotNull(memory.metrics().get("swap_pages_per_s"));
        }
    }

    @Test
    void linkSpeedUnknownMakesUtilizationUnavailable() {
        for (ResourceUse nic : report.resources()) {
            if (!nic.resource().equals("network")) {
                continue;
            }
            if (nic.metrics().get("speed_mbps") == null) {
                assertEquals(Status.UNAVAILABLE, nic.utilization().status(), nic.device());
                assertTrue(nic.utilization().reason().startsWith("link speed unknown"), nic.utilization().reason());
            } else {
                assertNotNull(nic.utilization().value(), nic.device());
            }
        }
    }

    @Test
    void ownProcessAppearsAmongProcessesUsingCpu() {
        assertTrue(report.topProcessesReason() == null, report.topProcessesReason());
        assertTrue(report.topProcesses().size() > 0, "at least this JVM used CPU while sampling");
    }
}
