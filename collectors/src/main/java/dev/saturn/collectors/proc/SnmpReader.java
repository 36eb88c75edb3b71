package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/net/snmp: keys such as "Tcp.RetransSegs". */
public final class SnmpReader {
    private SnmpReader() {
    }

    public static Reading<KeyValueTable> read(HostPaths paths) {
        return paths.files().parse(ProcFile.NET_SNMP.in(paths), text -> KeyValueTable.parsePaired("/proc/net/snmp", text));
    }
}
