package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFile;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.HashMap;
import java.util.Map;

/** Reads /proc/meminfo ("MemTotal:  123 kB") and /proc/vmstat ("pgfault 123"). */
public final class KeyValueReader {
    private KeyValueReader() {
    }

    public static Reading<KeyValueTable> meminfo(HostPaths paths) {
        return KernelFile.parse(paths.proc("meminfo"), text -> parse("/proc/meminfo", text));
    }

    public static Reading<KeyValueTable> vmstat(HostPaths paths) {
        return KernelFile.parse(paths.proc("vmstat"), text -> parse("/proc/vmstat", text));
    }

    static KeyValueTable parse(String source, String text) {
        Map<String, Long> values = new HashMap<>(256);
        for (String line : Tokens.lines(text)) {
            String[] f = Tokens.split(line);
            if (f.length < 2) {
                continue;
            }
            String key = f[0].endsWith(":") ? f[0].substring(0, f[0].length() - 1) : f[0];
            try {
                values.put(key, Long.parseLong(f[1]));
            } catch (NumberFormatException e) {
                // a truncated last line: keep the rest, the lookup of this key will say it is missing
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no counters");
        }
        return new KeyValueTable(source, Map.copyOf(values));
    }
}
