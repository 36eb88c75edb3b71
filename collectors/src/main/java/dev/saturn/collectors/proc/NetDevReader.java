package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads /proc/net/dev: two header lines, then "iface: 8 receive counters 8 transmit counters". */
public final class NetDevReader {
    private NetDevReader() {
    }

    public static Reading<Map<String, Reading<NetDevCounters>>> read(HostPaths paths) {
        return paths.files().parse(ProcFile.NET_DEV.in(paths), NetDevReader::parse);
    }

    static Map<String, Reading<NetDevCounters>> parse(String text) {
        Map<String, Reading<NetDevCounters>> out = new LinkedHashMap<>();
        for (String line : Tokens.lines(text)) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            out.put(name, counters(name, Tokens.split(line.substring(colon + 1))));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no interface lines");
        }
        return out;
    }

    private static Reading<NetDevCounters> counters(String name, String[] f) {
        if (f.length != 16) {
            return Reading.unavailable("/proc/net/dev line for " + name + " has " + f.length + " counters (expected 16)");
        }
        try {
            long[] v = new long[16];
            for (int i = 0; i < 16; i++) {
                v[i] = Tokens.counter(f[i]);
            }
            return Reading.of(new NetDevCounters(v[0], v[1], v[2], v[3], v[4], v[5],
                    v[8], v[9], v[10], v[11], v[12], v[13], v[14]));
        } catch (RuntimeException e) {
            return Reading.unavailable("/proc/net/dev line for " + name + " is garbled (" + e.getMessage() + ")");
        }
    }
}
