package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each network event counted once. /proc/net/dev's "frame" column is a breakdown of rx_errors and
 * "carrier" of tx_errors (include/uapi/linux/if_link.h), so they are not added to them; FIFO
 * overruns are saturation, with the drops; collisions are a figure of their own.
 */
class NetworkCountersTest {
    private static final String HEADER = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void errorsAreRxErrorsAndTxErrorsAlone() throws Exception {
        TreePair pair = new TreePair(tmp).both("proc/net/dev",
                HEADER + "  eth0: 1000 100 10 0 0 10 0 0 1000 100 0 0 0 0 0 0\n",
                // rx: 10 more errors, all of them frame errors; 1 drop, 2 FIFO overruns.
                // tx: 5 more errors, all carrier errors; 3 collisions.
                HEADER + "  eth0: 2000 200 20 1 2 20 0 0 2000 200 5 0 0 3 5 0\n");
        ResourceUse eth0 = CaptureFormulasTest.row(pair.analyze(), "network", "eth0");
        double t = pair.seconds();
        assertEquals(15 / t, eth0.metrics().get("errors_per_s"), 1e-9, "rx_errs + tx_errs: frame and carrier are inside them");
        assertEquals(10 / t, eth0.metrics().get("rx_frame_errors_per_s"), 1e-9);
        assertEquals(5 / t, eth0.metrics().get("tx_carrier_errors_per_s"), 1e-9);
        assertEquals(3 / t, eth0.metrics().get("drops_per_s"), 1e-9, "drops and overruns are the saturation");
        assertEquals(2 / t, eth0.metrics().get("overruns_per_s"), 1e-9);
        assertEquals(3 / t, eth0.metrics().get("collisions_per_s"), 1e-9);
        assertEquals(15 / t, eth0.errors().value(), 1e-9);
        assertEquals(Status.CRIT, eth0.errors().status(), "15 errors in 400 packets is over 1 %");
    }

    @Test
    void softnetDropsAndSqueezesAreSaturationWithTheCpuNamed() throws Exception {
        String line = "%08x %08x %08x 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 %08x 00000000 00000000\n";
        TreePair pair = new TreePair(tmp).both("proc/net/softnet_stat",
                String.format(line, 100, 0, 0, 0) + String.format(line, 100, 0, 0, 1),
                String.format(line, 5100, 0, 7, 0) + String.format(line, 900, 42, 0, 1));
        UseReport r = pair.analyze();
        ResourceUse softnet = CaptureFormulasTest.row(r, "softnet", null);
        double t = pair.seconds();
        assertEquals(5800 / t, softnet.metrics().get("processed_per_s"), 1e-9);
        assertEquals(42 / t, softnet.metrics().get("dropped_per_s"), 1e-9);
        assertEquals(7 / t, softnet.metrics().get("time_squeezed_per_s"), 1e-9);
        assertEquals("dropped_per_s", softnet.saturation().metric());
        assertEquals(Status.WARN, softnet.saturation().status());
        assertTrue(softnet.saturation().reason().contains("most on CPU 1 (42)"), softnet.saturation().reason());
        assertTrue(r.findings().stream().anyMatch(f -> f.text().startsWith("softnet: 11 packets/s dropped from full backlogs")),
                r.findings().toString());
    }

    @Test
    void softnetOfOldKernelsNamesCpusByLine() throws Exception {
        TreePair pair = new TreePair(tmp).both("proc/net/softnet_stat",
                "00000010 00000000 00000000\n00000010 00000000 00000000\n",
                "00000020 00000000 00000000\n00000010 00000003 00000000\n");
        ResourceUse softnet = CaptureFormulasTest.row(pair.analyze(), "softnet", null);
        assertTrue(softnet.saturation().reason().contains("most on CPU 1 (3)"), softnet.saturation().reason());
    }
}
