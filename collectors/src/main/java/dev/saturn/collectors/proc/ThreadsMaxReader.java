package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/sys/kernel/threads-max. */
public final class ThreadsMaxReader {
    private ThreadsMaxReader() {
    }

    public static Reading<Long> read(HostPaths paths) {
        return paths.files().readLong(ProcFile.THREADS_MAX.in(paths));
    }
}
