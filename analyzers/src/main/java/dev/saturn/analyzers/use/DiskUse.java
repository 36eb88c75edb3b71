package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.DiskCounters;
import dev.saturn.collectors.proc.DiskStats;
import dev.saturn.collectors.sys.BlockDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A row per whole block device: %util from io_ticks, aqu-sz from weighted ms, I/O errors.
 * Physical devices are "disk"; loop, zram, dm and md are "virtual_disk", shown when they had I/O.
 */
final class DiskUse {
    private DiskUse() {
    }

    static List<ResourceUse> analyze(Context c) {
        List<ResourceUse> rows = new ArrayList<>();
        Reading<Map<String, BlockDevice>> devices = c.after().blockDevices();
        if (!devices.isAvailable()) {
            rows.add(RowBuilder.unavailableRow("disk", null, devices.reason()));
            return rows;
        }
        if (!c.before().diskstats().isAvailable() || !c.after().diskstats().isAvailable()) {
            String reason = c.before().diskstats().isAvailable() ? c.after().diskstats().reason() : c.before().diskstats().reason();
            for (BlockDevice d : devices.value().values()) {
                if (d.physical()) {
                    rows.add(RowBuilder.unavailableRow("disk", d.name(), reason));
                }
            }
            return rows;
        }
        DiskStats before = c.before().diskstats().value();
        DiskStats after = c.after().diskstats().value();
        for (BlockDevice d : devices.value().values()) {
            Reading<DiskCounters> b = before.devices().get(d.name());
            Reading<DiskCounters> a = after.devices().get(d.name());
            if (d.virtual() && !hadIo(b, a)) {
                continue;
            }
            Map<String, BlockDevice> beforeDevices = c.before().blockDevices().orElse(Map.of());
            rows.add(device(c, d, b, a, beforeDevices.containsKey(d.name()) || !c.before().blockDevices().isAvailable()));
        }
        return rows;
    }

    private static boolean hadIo(Reading<DiskCounters> b, Reading<DiskCounters> a) {
        if (b == null || a == null || !b.isAvailable() || !a.isAvailable()) {
            return false;
        }
        return a.value().reads() != b.value().reads() || a.value().writes() != b.value().writes();
    }

    private static ResourceUse device(Context c, BlockDevice d, Reading<DiskCounters> b, Reading<DiskCounters> a,
                                      boolean presentBefore) {
        String resource = d.physical() ? "disk" : "virtual_disk";
        if (b == null || !presentBefore) {
            return RowBuilder.unavailableRow(resource, d.name(), d.name() + " appeared during the interval");
        }
        if (a == null) {
            return RowBuilder.unavailableRow(resource, d.name(), d.name() + " has no line in /proc/diskstats");
        }
        if (!b.isAvailable() || !a.isAvailable()) {
            return RowBuilder.unavailableRow(resource, d.name(), b.isAvailable() ? a.reason() : b.reason());
        }
        DiskCounters x = b.value();
        DiskCounters y = a.value();
        Interval t = c.interval();
        RowBuilder row = new RowBuilder(resource, d.name());
        row.metric("r_per_s", () -> t.rate(x.reads(), y.reads(), d.name() + " reads"));
        row.metric("w_per_s", () -> t.rate(x.writes(), y.writes(), d.name() + " writes"));
        row.metric("rkB_per_s", () -> t.rate(x.sectorsRead(), y.sectorsRead(), d.name() + " sectors read") / 2);
        row.metric("wkB_per_s", () -> t.rate(x.sectorsWritten(), y.sectorsWritten(), d.name() + " sectors written") / 2);
        row.metric("r_await_ms", () -> await(x, y, DiskCounters::msReading, DiskCounters::reads, d.name() + " reads"));
        row.metric("w_await_ms", () -> await(x, y, DiskCounters::msWriting, DiskCounters::writes, d.name() + " writes"));
        row.metric("aqu_sz", () -> Interval.delta(x.weightedMs(), y.weightedMs(), d.name() + " weighted ms") / t.millis());
        row.metric("util_pct", () -> Math.min(100.0, 100.0 * Interval.delta(x.ioTicksMs(), y.ioTicksMs(), d.name() + " io_ticks") / t.millis()));

        Band serial = c.thresholds().band("disk.util_serial");
        row.utilization(row.cellOf("util_pct", "percent", v -> {
            Verdict verdict = serial.judge(v, "%util");
            if (d.parallel() && verdict.status() == Status.CRIT) {
                return Verdict.warn(verdict.reason() + "; " + d.name()
                        + " serves requests in parallel, so 100% busy is not its limit: judge by aqu-sz, await and PSI io");
            }
            return verdict;
        }));
        Band aqu = c.thresholds().band("disk.aqu_sz");
        row.saturation(row.cellOf("aqu_sz", "requests", v -> aqu.judge(v, "average queue size")));
        Reading<Long> errorsBefore = c.before().blockDevices().orElse(Map.of()).getOrDefault(d.name(), d).ioErrors();
        row.errors(ErrorCounter.cell("io_errors",
                () -> Interval.delta(errorsBefore.get(), d.ioErrors().get(), d.name() + " ioerr_cnt"),
                () -> d.ioErrors().get(), "I/O errors", ErrorCounter.SINCE_DEVICE));
        return row.build();
    }

    private static double await(DiskCounters x, DiskCounters y, ToLongFunction<DiskCounters> ms,
                                ToLongFunction<DiskCounters> ios, String what) {
        long n = Interval.delta(ios.applyAsLong(x), ios.applyAsLong(y), what);
        if (n == 0) {
            throw new Unavailable("no " + what + " completed in the interval");
        }
        return Interval.delta(ms.applyAsLong(x), ms.applyAsLong(y), what + " ms") / (double) n;
    }
}
