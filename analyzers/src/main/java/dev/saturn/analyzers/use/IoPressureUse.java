package dev.saturn.analyzers.use;

/** System-wide I/O pressure: the share of time tasks stalled on block I/O, across all devices. */
final class IoPressureUse {
    private IoPressureUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("io", null);
        row.metric("psi_some_pct", () -> Pressures.somePct(c, c.before().psiIo().get(), c.after().psiIo().get()));
        row.metric("psi_full_pct", () -> Pressures.fullPct(c, c.before().psiIo().get(), c.after().psiIo().get()));
        Band psi = c.thresholds().band("io.psi_some");
        row.saturation(row.cellOf("psi_some_pct", "percent", v -> psi.judge(v, "PSI io some")));
        return row.build();
    }
}
