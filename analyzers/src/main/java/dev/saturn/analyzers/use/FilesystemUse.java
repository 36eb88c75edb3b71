package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.fs.Capacity;
import dev.saturn.collectors.fs.Filesystem;
import java.util.ArrayList;
import java.util.List;

/** A row per watched filesystem (disks, network, tmpfs, overlay): used % as df computes it, error count, read-only state. */
final class FilesystemUse {
    private FilesystemUse() {
    }

    static List<ResourceUse> analyze(Context c) {
        List<ResourceUse> rows = new ArrayList<>();
        Reading<List<Filesystem>> filesystems = c.after().filesystems();
        if (!filesystems.isAvailable()) {
            rows.add(RowBuilder.unavailableRow("filesystem", null, filesystems.reason()));
            return rows;
        }
        Band used = c.thresholds().band("filesystem.used");
        for (Filesystem fs : filesystems.value()) {
            RowBuilder row = new RowBuilder("filesystem", fs.mountPoint());
            row.metric("used_pct", () -> usedPct(fs.capacity().get()));
            row.metric("size_bytes", () -> fs.capacity().get().totalBytes());
            row.metric("avail_bytes", () -> fs.capacity().get().availableBytes());
            row.metric("read_only", () -> fs.readOnly() ? 1 : 0);
            row.metric("fs_errors", () -> fs.fsErrors().get());
            row.utilization(row.cellOf("used_pct", "percent", v -> used.judge(v, "used")));
            row.errors(RowBuilder.cell("fs_errors", "count", () -> {
                if (fs.readOnly() && fs.remountsReadOnlyOnErrors() && !fs.fsErrors().isAvailable()) {
                    return 1;
                }
                return fs.fsErrors().get();
            }, n -> {
                if (fs.readOnly() && fs.remountsReadOnlyOnErrors()) {
                    return Verdict.crit(fs.mountPoint() + " is read-only and set to remount read-only on errors: it may have failed");
                }
                return n > 0 ? Verdict.warn((long) n + " errors recorded by " + fs.fsType() + " on " + fs.source()) : Verdict.OK;
            }));
            rows.add(row.build());
        }
        return rows;
    }

    /** (total − free) / (total − free + avail): df's Use%, which leaves root's reserve out. */
    static double usedPct(Capacity c) {
        long used = c.totalBytes() - c.freeBytes();
        long denominator = used + c.availableBytes();
        if (denominator <= 0) {
            throw new Unavailable("filesystem reports no blocks (a tmpfs mounted with size=0 has no limit to reach)");
        }
        return 100.0 * used / denominator;
    }
}
