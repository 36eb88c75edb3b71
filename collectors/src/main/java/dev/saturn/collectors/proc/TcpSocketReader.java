package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.HashMap;
import java.util.Map;

/** Reads /proc/net/tcp and /proc/net/tcp6: each socket's inode, state and send and receive queues. */
public final class TcpSocketReader {
    private TcpSocketReader() {
    }

    /** Sockets by inode; unavailable only when neither file can be read (a kernel without IPv6 has no tcp6). */
    public static Reading<Map<Long, SocketQueue>> read(HostPaths paths) {
        Map<Long, SocketQueue> out = new HashMap<>();
        Reading<String> v4 = paths.files().read(ProcFile.NET_TCP.in(paths));
        Reading<String> v6 = paths.files().read(ProcFile.NET_TCP6.in(paths));
        if (!v4.isAvailable() && !v6.isAvailable()) {
            return Reading.unavailable(v4.reason());
        }
        try {
            for (Reading<String> text : java.util.List.of(v4, v6)) {
                if (text.isAvailable()) {
                    parse(text.value(), out);
                }
            }
        } catch (RuntimeException e) {
            return Reading.unavailable(ProcFile.NET_TCP.in(paths) + " is garbled (" + e.getMessage() + ")");
        }
        return Reading.of(out);
    }

    /** "sl local rem st tx_queue:rx_queue tr:when retrnsmt uid timeout inode ...", after a header line. */
    static void parse(String text, Map<Long, SocketQueue> into) {
        boolean header = true;
        for (String line : Tokens.lines(text)) {
            if (header) {
                header = false;
                continue;
            }
            String[] f = Tokens.split(line);
            if (f.length < 10) {
                continue;
            }
            int colon = f[4].indexOf(':');
            long tx = Long.parseLong(f[4].substring(0, colon), 16);
            long rx = Long.parseLong(f[4].substring(colon + 1), 16);
            long inode = Long.parseLong(f[9]);
            if (inode != 0) {
                into.put(inode, new SocketQueue(inode, Integer.parseInt(f[3], 16), tx, rx));
            }
        }
    }
}
