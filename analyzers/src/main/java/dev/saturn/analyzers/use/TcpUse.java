package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;

/** The TCP row: retransmits (saturation of the path), listen overflows, segments received in error. */
final class TcpUse {
    /**
     * Retransmits are rare events: below five in the interval the ratio's own error is above ±45 %
     * (Poisson), so one retransmit among 65 segments says nothing about the path.
     */
    static final int MIN_RETRANSMITS = 5;

    private TcpUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("tcp", null);
        row.metric("retrans_segs_per_s", () -> c.interval().rate(snmp(c, false, "Tcp.RetransSegs"), snmp(c, true, "Tcp.RetransSegs"), "RetransSegs"));
        row.metric("out_segs_per_s", () -> c.interval().rate(snmp(c, false, "Tcp.OutSegs"), snmp(c, true, "Tcp.OutSegs"), "OutSegs"));
        row.metric("retrans_ratio", () -> {
            long out = Interval.delta(snmp(c, false, "Tcp.OutSegs"), snmp(c, true, "Tcp.OutSegs"), "OutSegs");
            if (out == 0) {
                throw new Unavailable("no TCP segments sent in the interval");
            }
            return (double) Interval.delta(snmp(c, false, "Tcp.RetransSegs"), snmp(c, true, "Tcp.RetransSegs"), "RetransSegs") / out;
        });
        row.metric("listen_overflows", () -> Interval.delta(netstat(c, false, "TcpExt.ListenOverflows"), netstat(c, true, "TcpExt.ListenOverflows"), "ListenOverflows"));
        row.metric("listen_drops", () -> Interval.delta(netstat(c, false, "TcpExt.ListenDrops"), netstat(c, true, "TcpExt.ListenDrops"), "ListenDrops"));
        row.metric("in_errors", () -> Interval.delta(snmp(c, false, "Tcp.InErrs"), snmp(c, true, "Tcp.InErrs"), "InErrs"));
        row.metric("in_csum_errors", () -> Interval.delta(snmp(c, false, "Tcp.InCsumErrors"), snmp(c, true, "Tcp.InCsumErrors"), "InCsumErrors"));

        Band retrans = c.thresholds().band("tcp.retrans_pct");
        row.saturation(row.cellOf("retrans_segs_per_s", "per_second", v -> {
            Double ratio = row.value("retrans_ratio");
            double retransmitted = v * c.seconds();
            Verdict verdict = ratio == null || retransmitted < MIN_RETRANSMITS ? Verdict.OK
                    : retrans.judge(100 * ratio, "retransmitted % of segments sent");
            Double overflows = row.value("listen_overflows");
            if (verdict.status() == Status.OK && overflows != null && overflows > 0) {
                return Verdict.warn("listen queue overflowed " + overflows.longValue() + " times: an accept backlog is full");
            }
            return verdict;
        }));
        row.errors(ErrorCounter.cell("in_errors", () -> row.required("in_errors"), () -> snmp(c, true, "Tcp.InErrs"),
                "TCP segments received in error", ErrorCounter.SINCE_NETNS));
        return row.build();
    }

    private static long snmp(Context c, boolean after, String key) {
        return (after ? c.after() : c.before()).snmp().get().get(key);
    }

    private static long netstat(Context c, boolean after, String key) {
        return (after ? c.after() : c.before()).netstat().get().get(key);
    }
}
