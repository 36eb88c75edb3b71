package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads /proc/diskstats: 14 fields before Linux 4.18, 18 with discards, 20 with flushes (5.5+). */
public final class DiskStatsReader {
    private DiskStatsReader() {
    }

    public static Reading<DiskStats> read(HostPaths paths) {
        return paths.files().parse(ProcFile.DISKSTATS.in(paths), DiskStatsReader::parse);
    }

    static DiskStats parse(String text) {
        Map<String, Reading<DiskCounters>> devices = new LinkedHashMap<>();
        for (String line : Tokens.lines(text)) {
            String[] f = Tokens.split(line);
            if (f.length < 3) {
                continue;
            }
            devices.put(f[2], counters(f));
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device lines");
        }
        return new DiskStats(devices);
    }

    private static Reading<DiskCounters> counters(String[] f) {
        if (f.length != 14 && f.length != 18 && f.length != 20) {
            return Reading.unavailable("/proc/diskstats line for " + f[2] + " has " + f.length
                    + " fields (expected 14, 18 or 20)");
        }
        try {
            long[] v = new long[11];
            for (int i = 0; i < 11; i++) {
                v[i] = Tokens.counter(f[3 + i]);
            }
            return Reading.of(new DiskCounters(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                    v[10], f.length));
        } catch (RuntimeException e) {
            return Reading.unavailable("/proc/diskstats line for " + f[2] + " is garbled (" + e.getMessage() + ")");
        }
    }
}
