package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;

/** Reads /proc/net/netstat: keys such as "TcpExt.ListenOverflows". */
public final class NetstatReader {
    private NetstatReader() {
    }

    public static Reading<KeyValueTable> read(HostPaths paths) {
        return paths.files().parse(ProcFile.NET_NETSTAT.in(paths), text -> KeyValueTable.parsePaired("/proc/net/netstat", text));
    }
}
