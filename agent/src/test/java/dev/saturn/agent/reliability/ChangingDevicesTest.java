package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.testkit.Needs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interface that appears, and later vanishes, while the agent runs: a row in /metrics and in
 * the history while it exists, gone after, and every stored report still reads back. The interface:
 * a veth pair made with `ip link` (a row shows only while an interface is up).
 */
class ChangingDevicesTest {
    static final String LINK = "saturntest0";
    static final String PEER = "saturntest1";
    @TempDir
    Path dir;

    @Test
    void anInterfaceThatAppearsAndVanishesComesAndGoesInMetricsAndHistory() throws Exception {
        Root.require("creating a veth pair");
        Needs.tool("ip");
        try (RunningAgent agent = new RunningAgent(dir, Duration.ofMillis(200))) {
            agent.awaitSamples(3);
            assertFalse(DiskFullTest.get(agent, "/metrics").contains("device=\"" + LINK + "\""));
            Root.run("ip", "link", "add", LINK, "type", "veth", "peer", "name", PEER);
            Root.run("ip", "link", "set", LINK, "up");
            Root.run("ip", "link", "set", PEER, "up");
            agent.awaitSamples(4);
            assertTrue(DiskFullTest.get(agent, "/metrics").contains("saturn_network_rx_bytes_per_second{device=\"" + LINK + "\"} "),
                    "the new interface has its row");
            Root.run("ip", "link", "del", LINK);
            agent.awaitSamples(4);
            assertFalse(DiskFullTest.get(agent, "/metrics").contains("device=\"" + LINK + "\""), "and loses it when it goes");
        } finally {
            try {
                Root.run("ip", "link", "del", LINK);
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            List<UseReport> all = reader.range(Instant.EPOCH, Instant.now().plusSeconds(5), null, 1000);
            int with = 0;
            for (UseReport r : all) {
                if (r.resources().stream().anyMatch(row -> Objects.equals(row.device(), LINK))) {
                    with++;
                }
            }
            assertTrue(with >= 3 && with < all.size() - 5, with + " of " + all.size() + " stored reports have the interface");
            assertTrue(all.get(0).resources().stream().noneMatch(row -> Objects.equals(row.device(), LINK)));
            assertTrue(all.get(all.size() - 1).resources().stream().noneMatch(row -> Objects.equals(row.device(), LINK)));
        }
    }
}
