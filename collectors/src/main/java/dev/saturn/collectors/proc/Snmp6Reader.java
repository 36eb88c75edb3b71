package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/net/snmp6 ("Udp6InErrors 0"): IPv6's counters, apart from /proc/net/snmp's IPv4 ones. */
public final class Snmp6Reader {
    private Snmp6Reader() {
    }

    public static Reading<KeyValueTable> read(HostPaths paths) {
        return paths.files().parse(ProcFile.NET_SNMP6.in(paths), text -> KeyValueTable.parse("/proc/net/snmp6", text));
    }
}
