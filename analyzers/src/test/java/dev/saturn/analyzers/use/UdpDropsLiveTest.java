package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A real socket on loopback with the smallest receive buffer, never read: the datagrams sent to it
 * during the interval overflow its buffer, and the kernel counts them in RcvbufErrors and InErrors.
 */
class UdpDropsLiveTest {
    @Test
    void anUnreadSocketsDropsShowInTheUdpRow() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel receiver = DatagramChannel.open();
             DatagramChannel sender = DatagramChannel.open();
             LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), false, false)) {
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1);
            receiver.bind(new InetSocketAddress(loopback, 0));
            InetSocketAddress target = (InetSocketAddress) receiver.getLocalAddress();
            ByteBuffer datagram = ByteBuffer.allocate(1200);
            int[] sent = {0};
            UseReport report = new UseAnalyzer(Thresholds.defaults()).analyze(sampler.next(Duration.ofMillis(600), fraction -> {
                for (int i = 0; i < 50; i++) {
                    datagram.clear();
                    try {
                        sent[0] += sender.send(datagram, target) > 0 ? 1 : 0;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }));
            ResourceUse udp = CaptureFormulasTest.row(report, "udp", null);
            double seconds = report.intervalSeconds();
            assertTrue(sent[0] >= 50, "sent " + sent[0]);
            // The buffer holds a few datagrams at most; at least half of those sent overflow it.
            double dropped = udp.metrics().get("rcvbuf_errors_per_s") * seconds;
            assertTrue(dropped >= sent[0] / 2.0, dropped + " receive-buffer drops of " + sent[0] + " sent");
            assertTrue(udp.errors().value() * seconds >= dropped - 1e-6, "each drop is an error too: " + udp.errors());
            assertTrue(udp.errors().status().flagged(), udp.errors().toString());
            assertEquals(Status.WARN, udp.saturation().status(), udp.saturation().toString());
            assertTrue(report.findings().stream().anyMatch(f -> f.resource().equals("udp")), report.findings().toString());
        }
    }
}
