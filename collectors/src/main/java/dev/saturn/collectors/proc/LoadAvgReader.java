package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;

/** Reads /proc/loadavg. */
public final class LoadAvgReader {
    private LoadAvgReader() {
    }

    public static Reading<LoadAvg> read(HostPaths paths) {
        return paths.files().parse(ProcFile.LOADAVG.in(paths), LoadAvgReader::parse);
    }

    static LoadAvg parse(String text) {
        String[] f = Tokens.split(text);
        if (f.length < 4) {
            throw new IllegalArgumentException("expected 5 fields, found " + f.length);
        }
        int slash = f[3].indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no running/total field");
        }
        return new LoadAvg(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Tokens.counter(f[3].substring(0, slash)), Tokens.counter(f[3].substring(slash + 1)));
    }
}
