package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads /proc/schedstat (version 15+: cpuN then 9 fields; field 8 run delay ns, field 9 timeslices). */
public final class SchedStatReader {
    private SchedStatReader() {
    }

    public static Reading<SchedStat> read(HostPaths paths) {
        Path path = ProcFile.SCHEDSTAT.in(paths);
        if (!Files.exists(path)) {
            return Reading.unavailable("no /proc/schedstat: kernel built without CONFIG_SCHEDSTATS");
        }
        return paths.files().parse(path, SchedStatReader::parse);
    }

    static SchedStat parse(String text) {
        long delay = 0;
        long slices = 0;
        int cpus = 0;
        for (String line : Tokens.lines(text)) {
            if (line.startsWith("cpu")) {
                String[] f = Tokens.split(line);
                if (f.length < 10) {
                    throw new IllegalArgumentException(f[0] + " has " + (f.length - 1) + " fields");
                }
                delay += Tokens.counter(f[8]);
                slices += Tokens.counter(f[9]);
                cpus++;
            }
        }
        if (cpus == 0) {
            throw new IllegalArgumentException("no cpu lines");
        }
        return new SchedStat(delay, slices);
    }
}
