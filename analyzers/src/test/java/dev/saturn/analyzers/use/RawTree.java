package dev.saturn.analyzers.use;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The test's own reading of a snapshot tree, kept deliberately naive (split on whitespace), so
 * that the formula tests check saturn's readers and analyzers against an independent parse.
 */
final class RawTree {
    final Path dir;

    RawTree(Path dir) {
        this.dir = dir;
    }

    String text(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String relative) {
        return Files.exists(dir.resolve(relative));
    }

    double timestamp() {
        return Double.parseDouble(text("TIMESTAMP").trim());
    }

    String[] line(String relative, String firstField) {
        for (String l : text(relative).split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f[0].equals(firstField)) {
                return f;
            }
        }
        return null;
    }

    long field(String relative, String firstField, int index) {
        return Long.parseLong(line(relative, firstField)[index]);
    }

    Map<String, Long> keyed(String relative) {
        Map<String, Long> m = new HashMap<>();
        for (String l : text(relative).split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length >= 2) {
                m.put(f[0].replace(":", ""), Long.parseLong(f[1]));
            }
        }
        return m;
    }

    long psiTotal(String relative, String kind) {
        for (String field : line(relative, kind)) {
            if (field.startsWith("total=")) {
                return Long.parseLong(field.substring(6));
            }
        }
        throw new AssertionError("no total in " + relative);
    }

    /** "Tcp.RetransSegs" from the paired header/value lines of net/snmp or net/netstat. */
    long protocol(String relative, String key) {
        String[] lines = text(relative).split("\n");
        String proto = key.substring(0, key.indexOf('.')) + ":";
        String name = key.substring(key.indexOf('.') + 1);
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].split(" ");
            if (names[0].equals(proto)) {
                int index = List.of(names).indexOf(name);
                return Long.parseLong(lines[i + 1].split(" ")[index]);
            }
        }
        throw new AssertionError("no " + key + " in " + relative);
    }

    /** A /proc/net/dev row: 16 counters after the interface name. */
    long[] netDev(String iface) {
        for (String l : text("proc/net/dev").split("\n")) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equals(iface)) {
                String[] f = l.substring(colon + 1).trim().split("\\s+");
                long[] v = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    v[i] = Long.parseLong(f[i]);
                }
                return v;
            }
        }
        return null;
    }

    /** A /proc/diskstats row as 1-based columns (index 4 = reads completed). */
    String[] disk(String device) {
        for (String l : text("proc/diskstats").split("\n")) {
            String[] f = l.trim().split("\\s+");
            if (f.length > 3 && f[2].equals(device)) {
                String[] oneBased = new String[f.length + 1];
                System.arraycopy(f, 0, oneBased, 1, f.length);
                return oneBased;
            }
        }
        return null;
    }
}
