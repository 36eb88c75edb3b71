package dev.saturn.collectors.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.Unavailable;
import org.junit.jupiter.api.Test;

class KeyValueTableTest {
    private static final String MEMINFO = "MemTotal:       24576000 kB\nActive(anon):      1000 kB\nActive:       5000 kB\n"
            + "SwapTotal:             0 kB\nHugePages_Total:       0\n";
    private static final String VMSTAT = "nr_free_pages 100\nnr_free_pages_blocks 7\npgscan_direct 5\npgscan_direct_throttle 9\n"
            + "pgscan_direct_movable 2\noom_kill 3\npgmajfault 12";
    private static final String SNMP = "Ip: Forwarding DefaultTTL\nIp: 1 64\n"
            + "Tcp: RtoAlgorithm RtoMin OutSegs RetransSegs\nTcp: 1 200 1000 17\n"
            + "Udp: InDatagrams InErrors\nUdp: 5 -1\n";
    private static final String NETSTAT = "TcpExt: SyncookiesSent ListenOverflows ListenDrops\nTcpExt: 0 4 6\n"
            + "IpExt: InNoRoutes\nIpExt: 2\n";

    @Test
    void namedLinesWithAndWithoutColonsAndUnits() {
        KeyValueTable meminfo = KeyValueTable.parse("/proc/meminfo", MEMINFO);
        assertEquals(24576000, meminfo.get("MemTotal"));
        assertEquals(5000, meminfo.get("Active"), "Active, not Active(anon)");
        assertEquals(1000, meminfo.get("Active(anon)"));
        assertEquals(0, meminfo.get("HugePages_Total"));
        KeyValueTable vmstat = KeyValueTable.parse("/proc/vmstat", VMSTAT);
        assertEquals(100, vmstat.get("nr_free_pages"), "the whole name, not a prefix of a longer one");
        assertEquals(12, vmstat.get("pgmajfault"), "the last line without a newline");
        assertEquals(7, vmstat.sumWithPrefix("pgscan_direct", "pgscan_direct_throttle"));
        assertTrue(vmstat.has("oom_kill"));
        assertFalse(vmstat.has("oom"));
    }

    @Test
    void missingAndTruncatedCountersSayWhichFile() {
        KeyValueTable vmstat = KeyValueTable.parse("/proc/vmstat", "pgmajfault 12\noom_kill 3\npgfault 12x");
        Unavailable missing = assertThrows(Unavailable.class, () -> vmstat.get("pswpin"));
        assertEquals("pswpin is missing from /proc/vmstat", missing.getMessage());
        assertThrows(Unavailable.class, () -> vmstat.get("pgfault"), "a truncated number is not a number");
        assertThrows(Unavailable.class, () -> vmstat.sumWithPrefix("pgscan", null));
        assertThrows(IllegalArgumentException.class, () -> KeyValueTable.parse("/proc/vmstat", "garbage\nmore garbage\n"));
    }

    @Test
    void pairedLinesAreKeyedByProtocolAndName() {
        KeyValueTable snmp = KeyValueTable.parsePaired("/proc/net/snmp", SNMP);
        assertEquals(17, snmp.get("Tcp.RetransSegs"));
        assertEquals(1000, snmp.get("Tcp.OutSegs"));
        assertEquals(-1, snmp.get("Udp.InErrors"));
        assertEquals(64, snmp.get("Ip.DefaultTTL"));
        assertFalse(snmp.has("Tcp.InSegs"));
        assertFalse(snmp.has("TcpExt.ListenDrops"), "Tcp is not TcpExt");
        KeyValueTable netstat = KeyValueTable.parsePaired("/proc/net/netstat", NETSTAT);
        assertEquals(4, netstat.get("TcpExt.ListenOverflows"));
        assertEquals(6, netstat.get("TcpExt.ListenDrops"));
        assertEquals(2, netstat.get("IpExt.InNoRoutes"));
        assertFalse(netstat.has("Tcp.ListenDrops"));
    }

    @Test
    void unpairedLinesAreGarbled() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyValueTable.parsePaired("/proc/net/snmp", "Ip: Forwarding\nTcp: 1\n"));
        assertEquals("header and value lines do not pair at line 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyValueTable.parsePaired("/proc/net/snmp", "Ip: Forwarding\n"));
    }
}
