package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/meminfo ("MemTotal:  123 kB"); values in kB. */
public final class MeminfoReader {
    private MeminfoReader() {
    }

    public static Reading<KeyValueTable> read(HostPaths paths) {
        return paths.files().parse(ProcFile.MEMINFO.in(paths), text -> KeyValueTable.parse("/proc/meminfo", text));
    }
}
