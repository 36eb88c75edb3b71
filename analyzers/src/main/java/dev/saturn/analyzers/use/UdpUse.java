package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.KeyValueTable;
import dev.saturn.collectors.snapshot.Snapshot;
import java.util.Locale;

/**
 * The UDP row, IPv4 (/proc/net/snmp) and IPv6 (/proc/net/snmp6) together. net/ipv4/udp.c counts a
 * datagram dropped for a full receive buffer in RcvbufErrors and again in InErrors, and so a
 * checksum failure (InCsumErrors) and a memory failure (MemErrors); NoPorts and SndbufErrors are
 * apart from InErrors. So errors are InErrors + SndbufErrors, each event once, and the buffer
 * overflows (RcvbufErrors + SndbufErrors) are the saturation: the sockets do not keep up.
 */
final class UdpUse {
    private UdpUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("udp", null);
        row.metric("in_datagrams_per_s", () -> rate(c, "InDatagrams"));
        row.metric("out_datagrams_per_s", () -> rate(c, "OutDatagrams"));
        row.metric("rcvbuf_errors_per_s", () -> rate(c, "RcvbufErrors"));
        row.metric("sndbuf_errors_per_s", () -> rate(c, "SndbufErrors"));
        row.metric("in_csum_errors_per_s", () -> rate(c, "InCsumErrors"));
        row.metric("no_ports_per_s", () -> rate(c, "NoPorts"));
        row.metric("buffer_errors_per_s", () -> row.required("rcvbuf_errors_per_s") + row.required("sndbuf_errors_per_s"));
        row.metric("errors_per_s", () -> rate(c, "InErrors") + row.required("sndbuf_errors_per_s"));

        Band buffers = c.thresholds().band("udp.buffer_errors_per_s");
        row.saturation(row.cellOf("buffer_errors_per_s", "per_second",
                v -> buffers.judge(v, "datagrams dropped for a full socket buffer (a reader too slow, or SO_RCVBUF too small)")));
        Band errorShare = c.thresholds().band("udp.error_pct_of_datagrams");
        row.errors(row.cellOf("errors_per_s", "per_second", v -> {
            if (v == 0) {
                return Verdict.OK;
            }
            double datagrams = (row.required("in_datagrams_per_s") + row.required("out_datagrams_per_s") + v) * c.seconds();
            double pct = 100.0 * v * c.seconds() / datagrams;
            return errorShare.judge(pct, String.format(Locale.ROOT, "UDP errors at %.2f%% of datagrams", pct));
        }));
        return row.build();
    }

    private static double rate(Context c, String counter) {
        return c.interval().rate(count(c.before(), counter), count(c.after(), counter), "Udp " + counter);
    }

    /** IPv4's counter, plus IPv6's where the kernel has IPv6 (no /proc/net/snmp6: no IPv6, nothing to add). */
    private static long count(Snapshot s, String counter) {
        long v4 = s.snmp().get().get("Udp." + counter);
        if (!s.snmp6().isAvailable()) {
            return v4;
        }
        KeyValueTable v6 = s.snmp6().value();
        return v4 + (v6.has("Udp6" + counter) ? v6.get("Udp6" + counter) : 0);
    }
}
