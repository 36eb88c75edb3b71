package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP and UDP counters, each event once (net/ipv4/tcp_ipv4.c, net/ipv4/udp.c), and ratios only on enough volume. */
class ProtocolCountersTest {
    private static final String TCP = "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors";
    private static final String UDP = "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors";

    @TempDir
    Path tmp;

    @Test
    void aChecksumErrorIsOneTcpInError() throws Exception {
        TreePair pair = new TreePair(tmp);
        // tcp_v4_rcv counts a bad checksum in InCsumErrors and again in InErrs: 4 bad segments, 3 of them checksums.
        tcp(pair.before, 1000, 1000, 0, 10, 5);
        tcp(pair.after, 2000, 2000, 0, 14, 8);
        ResourceUse tcp = CaptureFormulasTest.row(pair.analyze(), "tcp", null);
        assertEquals(4.0, tcp.metrics().get("in_errors"));
        assertEquals(3.0, tcp.metrics().get("in_csum_errors"));
        assertEquals(4.0, tcp.errors().value());
        assertEquals(Status.CRIT, tcp.errors().status());
    }

    @Test
    void oneRetransmitAmongFewSegmentsIsNoFinding() throws Exception {
        TreePair pair = new TreePair(tmp);
        tcp(pair.before, 1000, 1000, 10, 0, 0);
        tcp(pair.after, 1065, 1065, 11, 0, 0);
        UseReport r = pair.analyze();
        ResourceUse tcp = CaptureFormulasTest.row(r, "tcp", null);
        assertEquals(1.0 / 65, tcp.metrics().get("retrans_ratio"), 1e-9, "the ratio is still reported");
        assertEquals(Status.OK, tcp.saturation().status(), "1 retransmit in the interval is below the minimum volume");
        assertFalse(r.findings().stream().anyMatch(f -> f.resource().equals("tcp")), r.findings().toString());
    }

    @Test
    void aFlaggedRateNeverReadsAsZero() throws Exception {
        TreePair pair = new TreePair(tmp);
        tcp(pair.before, 1000, 1000, 10, 0, 0);
        tcp(pair.after, 1200, 1200, 16, 0, 0);
        UseReport r = pair.analyze();
        ResourceUse tcp = CaptureFormulasTest.row(r, "tcp", null);
        assertEquals(Status.WARN, tcp.saturation().status(), "6 retransmits among 200 segments: 3 %");
        String finding = r.findings().stream().filter(f -> f.resource().equals("tcp")).findFirst().orElseThrow().text();
        assertTrue(finding.startsWith("tcp: " + Numbers.rate(6 / pair.seconds()) + " retransmits/s, 3.0% of segments"), finding);
        assertFalse(finding.startsWith("tcp: 0 "), finding);
    }

    @Test
    void udpReceiveBufferDropsAreCountedOnceAsErrorsAndAreSaturation() throws Exception {
        TreePair pair = new TreePair(tmp);
        // 100 datagrams dropped for a full receive buffer: RcvbufErrors +100 and InErrors +100 (udp.c charges both);
        // 2 checksum failures, also in InErrors; 5 to closed ports, apart; 1 send refused for a full send buffer.
        udp(pair.before, "1000 0 0 500 0 0 0 0 0");
        udp(pair.after, "1100 5 102 600 100 1 2 0 0");
        UseReport r = pair.analyze();
        ResourceUse udp = CaptureFormulasTest.row(r, "udp", null);
        double t = pair.seconds();
        assertEquals(103 / t, udp.metrics().get("errors_per_s"), 1e-9, "InErrors + SndbufErrors");
        assertEquals(101 / t, udp.metrics().get("buffer_errors_per_s"), 1e-9, "RcvbufErrors + SndbufErrors");
        assertEquals(5 / t, udp.metrics().get("no_ports_per_s"), 1e-9);
        assertEquals(2 / t, udp.metrics().get("in_csum_errors_per_s"), 1e-9);
        assertEquals(Status.WARN, udp.saturation().status());
        assertEquals(Status.CRIT, udp.errors().status(), "103 errors among ~300 datagrams");
    }

    @Test
    void udpAddsIpv6Counters() throws Exception {
        TreePair pair = new TreePair(tmp);
        TreePair.line(pair.after, "proc/net/snmp6", "Udp6InErrors", "Udp6InErrors                    \t7");
        TreePair.line(pair.after, "proc/net/snmp6", "Udp6InDatagrams", "Udp6InDatagrams                 \t70");
        udp(pair.before, "27 0 0 28 0 0 0 0 0");
        udp(pair.after, "27 0 0 28 0 0 0 0 0");
        ResourceUse udp = CaptureFormulasTest.row(pair.analyze(), "udp", null);
        assertEquals(7 / pair.seconds(), udp.metrics().get("errors_per_s"), 1e-9);
        assertEquals(70 / pair.seconds(), udp.metrics().get("in_datagrams_per_s"), 1e-9);
    }

    private static void tcp(Path side, long inSegs, long outSegs, long retrans, long inErrs, long csum) {
        String text = TreePair.read(side, "proc/net/snmp");
        String values = "Tcp: 1 200 120000 -1 1797 1781 0 0 1 " + inSegs + " " + outSegs + " " + retrans + " " + inErrs + " 14 " + csum;
        TreePair.write(side, "proc/net/snmp", text.replaceAll("(?m)^Tcp: \\d.*$", values));
        assertTrue(TreePair.read(side, "proc/net/snmp").contains(TCP));
    }

    private static void udp(Path side, String values) {
        String text = TreePair.read(side, "proc/net/snmp");
        TreePair.write(side, "proc/net/snmp", text.replaceAll("(?m)^Udp: \\d.*$", "Udp: " + values));
        assertTrue(TreePair.read(side, "proc/net/snmp").contains(UDP));
    }
}
