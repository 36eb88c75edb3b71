package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lost burst: a real Prometheus scrapes the agent every 5 s, a burst of known size crosses a veth in
 * well under a second between two scrapes, and the difference of node_network_transmit_bytes_total between the
 * scrape before and a scrape after (PromQL, with @) is the burst to the byte, as the veth's own counter says.
 * A gauge of the last second would have shown it in at most one scrape of five, and mostly in none.
 */
class CounterBurstTest {
    private static final String LOCAL = "198.18.7.1";
    private static final String REMOTE = "198.18.7.2";
    private static final int DATAGRAMS = 2000;
    private static final int PAYLOAD = 1400;
    /** Ethernet (14), IPv4 (20) and UDP (8) headers around each payload. */
    private static final int FRAME = PAYLOAD + 42;

    @TempDir
    Path dir;

    @Test
    void aBurstShorterThanTheScrapeIntervalIsCountedToTheByte() throws Exception {
        Needs.root("creating a veth pair");
        Needs.tool("ip");
        Needs.tool("prometheus");
        String link = "satb" + ProcessHandle.current().pid() % 100000;
        String peer = link + "p";
        try {
            quietVeth(link, peer);
            try (RunningAgent agent = new RunningAgent(Files.createDirectory(dir.resolve("data")), Duration.ofSeconds(1));
                 RunningPrometheus prometheus = new RunningPrometheus(dir, agent.port(), Duration.ofSeconds(5))) {
                String series = "node_network_transmit_bytes_total{job=\"saturn\",device=\"" + link + "\"}";
                double[] seen = Poll.until(Duration.ofSeconds(60), "a scrape with the veth's counter", () -> latest(prometheus, series));
                // Right after a scrape, so that the burst ends long before the next one.
                double[] t1 = Poll.until(Duration.ofSeconds(30), "the next scrape", () -> latest(prometheus, series).filter(s -> s[0] > seen[0]));
                long before = txBytes(link);
                assertEquals(before, (long) t1[1], "nothing crosses the veth but the burst (no ARP, no IPv6)");

                long start = System.nanoTime();
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOCAL, 0))) {
                    byte[] payload = new byte[PAYLOAD];
                    InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(REMOTE), 9);
                    for (int i = 0; i < DATAGRAMS; i++) {
                        socket.send(new DatagramPacket(payload, payload.length, to));
                    }
                }
                double burstSeconds = (System.nanoTime() - start) / 1e9;
                double burstEnd = System.currentTimeMillis() / 1000.0;
                long after = txBytes(link);
                assertTrue(burstSeconds < 1, "the burst took " + burstSeconds + " s");
                assertTrue(burstEnd < t1[0] + 5, "the burst ended before the next scrape (scrape at " + t1[0] + ", end " + burstEnd + ")");
                assertEquals((long) DATAGRAMS * FRAME, after - before, "the veth sent every frame of the burst");

                double[] t2 = Poll.until(Duration.ofSeconds(60), "a scrape after the burst",
                        () -> latest(prometheus, series).filter(s -> s[1] >= after));
                JsonNode difference = prometheus.query(series + " @ " + t2[0] + " - " + series + " @ " + t1[0]);
                assertEquals(1, difference.size(), difference.toString());
                assertEquals(after - before, difference.get(0).get("value").get(1).asLong(),
                        "node_network_transmit_bytes_total @ t2 - @ t1 (scrapes at " + t1[0] + " and " + t2[0] + ") is the burst");
            }
        } finally {
            try {
                run("ip", "link", "del", link);
            } catch (IllegalStateException e) {
                // never made
            }
        }
    }

    /** A veth pair whose only traffic is what the test sends: IPv6 off (no router or neighbour solicitations), a permanent neighbour (no ARP). */
    private static void quietVeth(String link, String peer) throws Exception {
        run("ip", "link", "add", link, "type", "veth", "peer", "name", peer);
        for (String dev : List.of(link, peer)) {
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf", dev, "disable_ipv6"), "1");
        }
        run("ip", "addr", "add", LOCAL + "/30", "dev", link);
        run("ip", "link", "set", link, "up");
        run("ip", "link", "set", peer, "up");
        String mac = Files.readString(Path.of("/sys/class/net", peer, "address")).strip();
        run("ip", "neigh", "replace", REMOTE, "lladdr", mac, "dev", link, "nud", "permanent");
    }

    private static long txBytes(String link) throws Exception {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", link, "statistics", "tx_bytes")).strip());
    }

    /** The newest scraped sample of the series in the last minute: its time and value. */
    private static Optional<double[]> latest(RunningPrometheus prometheus, String series) throws Exception {
        JsonNode result = prometheus.query(series + "[1m]");
        if (result.isEmpty()) {
            return Optional.empty();
        }
        JsonNode values = result.get(0).get("values");
        JsonNode last = values.get(values.size() - 1);
        return Optional.of(new double[] {last.get(0).asDouble(), last.get(1).asDouble()});
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
