package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads /proc/net/softnet_stat: one line of hexadecimal counters per online CPU. Since 5.10 the
 * 13th column is the CPU's number; before, lines are in CPU order with offline CPUs left out, so
 * the line's index is the best name there is.
 */
public final class SoftnetStatReader {
    private static final int CPU_ID_COLUMN = 12;

    private SoftnetStatReader() {
    }

    public static Reading<SoftnetStat> read(HostPaths paths) {
        return paths.files().parse(ProcFile.NET_SOFTNET_STAT.in(paths), SoftnetStatReader::parse);
    }

    static SoftnetStat parse(String text) {
        List<SoftnetStat.Cpu> cpus = new ArrayList<>();
        for (String line : Tokens.lines(text)) {
            String[] f = Tokens.split(line);
            if (f.length == 0) {
                continue;
            }
            if (f.length < 3) {
                throw new IllegalArgumentException("a line with " + f.length + " columns, expected at least 3");
            }
            int cpu = f.length > CPU_ID_COLUMN ? (int) hex(f[CPU_ID_COLUMN]) : cpus.size();
            cpus.add(new SoftnetStat.Cpu(cpu, hex(f[0]), hex(f[1]), hex(f[2])));
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPU lines");
        }
        return new SoftnetStat(List.copyOf(cpus));
    }

    private static long hex(String token) {
        try {
            return Long.parseUnsignedLong(token, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hexadecimal counter: " + token);
        }
    }
}
