package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/vmstat ("pgmajfault 123"). */
public final class VmstatReader {
    private VmstatReader() {
    }

    public static Reading<KeyValueTable> read(HostPaths paths) {
        return paths.files().parse(ProcFile.VMSTAT.in(paths), text -> KeyValueTable.parse("/proc/vmstat", text));
    }
}
