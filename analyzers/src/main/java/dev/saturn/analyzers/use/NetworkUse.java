package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.NetDevCounters;
import dev.saturn.collectors.sys.NetInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A row per interface that is up: throughput against link speed, drops, errors. */
final class NetworkUse {
    private NetworkUse() {
    }

    static List<ResourceUse> analyze(Context c) {
        List<ResourceUse> rows = new ArrayList<>();
        Reading<Map<String, NetInterface>> interfaces = c.after().netInterfaces();
        if (!interfaces.isAvailable()) {
            rows.add(RowBuilder.unavailableRow("network", null, interfaces.reason()));
            return rows;
        }
        Reading<Map<String, Reading<NetDevCounters>>> before = c.before().netDev();
        Reading<Map<String, Reading<NetDevCounters>>> after = c.after().netDev();
        for (NetInterface nic : interfaces.value().values()) {
            if (!nic.up()) {
                continue;
            }
            if (!before.isAvailable() || !after.isAvailable()) {
                rows.add(RowBuilder.unavailableRow("network", nic.name(), before.isAvailable() ? after.reason() : before.reason()));
                continue;
            }
            Reading<NetDevCounters> b = before.value().get(nic.name());
            Reading<NetDevCounters> a = after.value().get(nic.name());
            if (b == null) {
                rows.add(RowBuilder.unavailableRow("network", nic.name(), nic.name() + " appeared during the interval"));
            } else if (a == null) {
                rows.add(RowBuilder.unavailableRow("network", nic.name(), nic.name() + " vanished during the interval"));
            } else if (!b.isAvailable() || !a.isAvailable()) {
                rows.add(RowBuilder.unavailableRow("network", nic.name(), b.isAvailable() ? a.reason() : b.reason()));
            } else {
                rows.add(nic(c, nic, b.value(), a.value()));
            }
        }
        return rows;
    }

    private static ResourceUse nic(Context c, NetInterface nic, NetDevCounters x, NetDevCounters y) {
        Interval t = c.interval();
        String n = nic.name();
        RowBuilder row = new RowBuilder("network", n);
        row.metric("rx_bytes_per_s", () -> t.rate(x.rxBytes(), y.rxBytes(), n + " rx_bytes"));
        row.metric("tx_bytes_per_s", () -> t.rate(x.txBytes(), y.txBytes(), n + " tx_bytes"));
        row.metric("rx_packets_per_s", () -> t.rate(x.rxPackets(), y.rxPackets(), n + " rx_packets"));
        row.metric("tx_packets_per_s", () -> t.rate(x.txPackets(), y.txPackets(), n + " tx_packets"));
        row.metric("speed_mbps", () -> nic.speedMbps().get());
        row.metric("drops_per_s", () -> t.rate(saturation(x), saturation(y), n + " drop and overrun counters"));
        row.metric("overruns_per_s", () -> t.rate(x.rxFifo() + x.txFifo(), y.rxFifo() + y.txFifo(), n + " fifo counters"));
        row.metric("errors_per_s", () -> t.rate(errors(x), errors(y), n + " error counters"));
        row.metric("rx_frame_errors_per_s", () -> t.rate(x.rxFrame(), y.rxFrame(), n + " rx frame"));
        row.metric("tx_carrier_errors_per_s", () -> t.rate(x.txCarrier(), y.txCarrier(), n + " tx carrier"));
        row.metric("collisions_per_s", () -> t.rate(x.txColls(), y.txColls(), n + " collisions"));
        row.utilization(RowBuilder.cell("util_pct", "percent", () -> {
            double speedBytes = nic.speedMbps().get() * 1e6 / 8;
            double rx = t.rate(x.rxBytes(), y.rxBytes(), n + " rx_bytes");
            double tx = t.rate(x.txBytes(), y.txBytes(), n + " tx_bytes");
            return 100.0 * (nic.halfDuplex() ? rx + tx : Math.max(rx, tx)) / speedBytes;
        }, v -> c.thresholds().band("utilization").judge(v, "link utilization")));
        Band drops = c.thresholds().band("network.drops_per_s");
        row.saturation(row.cellOf("drops_per_s", "per_second", v -> drops.judge(v, "drops")));
        Band errorShare = c.thresholds().band("network.error_pct_of_packets");
        row.errors(row.cellOf("errors_per_s", "per_second", v -> {
            long packets = (y.rxPackets() - x.rxPackets()) + (y.txPackets() - x.txPackets());
            double pct = packets <= 0 ? (v > 0 ? 100 : 0) : 100.0 * v * t.seconds() / packets;
            return v == 0 ? Verdict.OK : errorShare.judge(pct, String.format(Locale.ROOT, "errors at %.2f%% of packets", pct));
        }));
        return row.build();
    }

    /** Packets dropped and FIFO overruns: the interface could not keep up (Gregg's "overruns" and "drop"). */
    private static long saturation(NetDevCounters d) {
        return d.rxDrop() + d.rxFifo() + d.txDrop() + d.txFifo();
    }

    /**
     * rx_errors and tx_errors alone: if_link.h has rx_errors include the length, CRC and frame errors
     * (the "frame" column) and tx_errors the carrier, aborted, window and heartbeat errors (the
     * "carrier" column), so adding those columns would count one bad packet twice.
     */
    private static long errors(NetDevCounters d) {
        return d.rxErrs() + d.txErrs();
    }
}
