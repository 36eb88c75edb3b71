package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.perf.PmuCounts;

/**
 * CPU and memory interconnect, as far as core counters show it: instructions per cycle. A low
 * IPC on a busy CPU means it waits on memory. Needs a PMU; unavailable in most VMs.
 */
final class InterconnectUse {
    private InterconnectUse() {
    }

    static ResourceUse analyze(Context c) {
        RowBuilder row = new RowBuilder("interconnect", null);
        row.metric("ipc", () -> {
            PmuCounts b = c.before().pmu().get();
            PmuCounts a = c.after().pmu().get();
            long cycles = Interval.delta(b.cycles(), a.cycles(), "cycles");
            if (cycles == 0) {
                throw new Unavailable("no cycles counted (counters multiplexed out?)");
            }
            return (double) Interval.delta(b.instructions(), a.instructions(), "instructions") / cycles;
        });
        row.utilization(Cell.notDefined("interconnect utilization needs uncore counters saturn does not read"));
        row.saturation(row.cellOf("ipc", "instructions_per_cycle", ipc -> ipc < 0.5
                ? Verdict.warn("IPC below 0.5: CPUs mostly stall, likely on memory")
                : Verdict.OK));
        return row.build();
    }
}
