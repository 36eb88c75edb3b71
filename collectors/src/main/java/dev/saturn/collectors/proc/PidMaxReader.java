package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/sys/kernel/pid_max. */
public final class PidMaxReader {
    private PidMaxReader() {
    }

    public static Reading<Long> read(HostPaths paths) {
        return paths.files().readLong(ProcFile.PID_MAX.in(paths));
    }
}
