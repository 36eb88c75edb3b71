package dev.saturn.collectors.proc;

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
}
