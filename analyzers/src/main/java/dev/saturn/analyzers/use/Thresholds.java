package dev.saturn.analyzers.use;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The warn and crit levels of every judged figure (defaults and reasons: docs/metrics.md); a config file
 * of "name.warn = 70" lines overrides any of them.
 */
public record Thresholds(Map<String, Band> bands) {
    public Thresholds {
        bands = Collections.unmodifiableMap(new LinkedHashMap<>(bands));
    }

    public static Thresholds defaults() {
        Map<String, Band> b = new LinkedHashMap<>();
        b.put("utilization", Band.atLeast(70, 90));
        b.put("cpu.psi_some", Band.atLeast(10, 50));
        b.put("cpu.runq_per_cpu", Band.over(1, 2));
        b.put("memory.psi_some", Band.atLeast(10, 60));
        b.put("io.psi_some", Band.atLeast(10, 50));
        b.put("swap_pages_per_s", Band.over(0, Double.MAX_VALUE));
        b.put("disk.aqu_sz", Band.over(1, 10));
        b.put("disk.util_serial", Band.atLeast(60, 90));
        b.put("network.drops_per_s", Band.over(0, Double.MAX_VALUE));
        b.put("network.error_pct_of_packets", Band.over(0, 1));
        b.put("tcp.retrans_pct", Band.atLeast(1, 5));
        b.put("udp.buffer_errors_per_s", Band.over(0, Double.MAX_VALUE));
        b.put("udp.error_pct_of_datagrams", Band.over(0, 1));
        b.put("softnet.dropped_per_s", Band.over(0, Double.MAX_VALUE));
        b.put("softnet.time_squeezed_per_s", Band.over(10, Double.MAX_VALUE));
        b.put("file_descriptors.used", Band.atLeast(70, 90));
        b.put("file_descriptors.process_used", Band.atLeast(80, 95));
        b.put("filesystem.used", Band.atLeast(95, 97));
        b.put("tasks.blocked_per_cpu", Band.over(1, 4));
        b.put("cgroup.throttled_pct", Band.atLeast(25, 50));
        return new Thresholds(Map.copyOf(b));
    }

    public Band band(String name) {
        Band band = bands.get(name);
        if (band == null) {
            throw new IllegalStateException("no threshold named " + name);
        }
        return band;
    }

    /** Applies "name.warn" / "name.crit" properties; unknown names are an error the user must see. */
    public Thresholds with(Properties overrides) {
        Map<String, Band> b = new LinkedHashMap<>(bands);
        for (String key : overrides.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String name = dot < 0 ? key : key.substring(0, dot);
            String level = dot < 0 ? "" : key.substring(dot + 1);
            Band old = b.get(name);
            if (old == null || !(level.equals("warn") || level.equals("crit"))) {
                throw new IllegalArgumentException("unknown threshold '" + key + "' (known: "
                        + String.join(", ", bands.keySet().stream().sorted().map(n -> n + ".warn|crit").toList()) + ")");
            }
            String text = overrides.getProperty(key).trim();
            // Double.parseDouble takes 80d, 0x1p3, NaN and Infinity, none of which a user means as a threshold.
            if (!text.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new IllegalArgumentException("threshold '" + key + "' is not a number: " + text
                        + " (give a plain number such as 80 or 0.5)");
            }
            double value = Double.parseDouble(text);
            b.put(name, level.equals("warn") ? new Band(value, old.crit(), old.above()) : new Band(old.warn(), value, old.above()));
        }
        for (Map.Entry<String, Band> e : b.entrySet()) {
            if (e.getValue().warn() > e.getValue().crit()) {
                throw new IllegalArgumentException("threshold " + e.getKey() + ": warn " + e.getValue().warn()
                        + " is above crit " + e.getValue().crit());
            }
        }
        return new Thresholds(Map.copyOf(b));
    }
}
