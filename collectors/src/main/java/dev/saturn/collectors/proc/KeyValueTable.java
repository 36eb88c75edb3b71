package dev.saturn.collectors.proc;

import dev.saturn.collectors.Tokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel file of named counters (/proc/meminfo in kB, /proc/vmstat). Lookups of a missing
 * name say which file lacked it, so a truncated file explains the empty cell.
 */
public record KeyValueTable(String source, Map<String, Long> values) {

    public long get(String name) {
        Long value = values.get(name);
        if (value == null) {
            throw new dev.saturn.collectors.Unavailable(name + " is missing from " + source);
        }
        return value;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Sum of every counter whose name starts with the prefix, for families like pgscan_direct_*. */
    public long sumWithPrefix(String prefix, String excluded) {
        long sum = 0;
        boolean any = false;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix) && !e.getKey().equals(excluded)) {
                sum += e.getValue();
                any = true;
            }
        }
        if (!any) {
            throw new dev.saturn.collectors.Unavailable(prefix + "* is missing from " + source);
        }
        return sum;
    }

    /** "Name: value [kB]" or "name value" lines (/proc/meminfo, /proc/vmstat). */
    public static KeyValueTable parse(String source, String text) {
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
        return new KeyValueTable(source, java.util.Collections.unmodifiableMap(values));
    }

    /** Paired "Proto: Name1 Name2" / "Proto: 1 2" lines (/proc/net/snmp, /proc/net/netstat), keyed "Proto.Name". */
    public static KeyValueTable parsePaired(String source, String text) {
        Map<String, Long> values = new HashMap<>(256);
        List<String> lines = Tokens.lines(text);
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = Tokens.split(lines.get(i));
            String[] numbers = Tokens.split(lines.get(i + 1));
            if (names.length == 0 || numbers.length == 0 || !names[0].equals(numbers[0])) {
                throw new IllegalArgumentException("header and value lines do not pair at line " + (i + 1));
            }
            String protocol = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < Math.min(names.length, numbers.length); k++) {
                values.put(protocol + "." + names[k], Long.parseLong(numbers[k]));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no counters");
        }
        return new KeyValueTable(source, java.util.Collections.unmodifiableMap(values));
    }
}
