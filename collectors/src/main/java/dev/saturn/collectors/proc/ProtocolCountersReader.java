package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFile;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads /proc/net/snmp and /proc/net/netstat: pairs of lines, "Tcp: Name1 Name2" then "Tcp: 1 2".
 * Keys are "Tcp.RetransSegs", "TcpExt.ListenOverflows".
 */
public final class ProtocolCountersReader {
    private ProtocolCountersReader() {
    }

    public static Reading<KeyValueTable> snmp(HostPaths paths) {
        return KernelFile.parse(paths.proc("net/snmp"), text -> parse("/proc/net/snmp", text));
    }

    public static Reading<KeyValueTable> netstat(HostPaths paths) {
        return KernelFile.parse(paths.proc("net/netstat"), text -> parse("/proc/net/netstat", text));
    }

    static KeyValueTable parse(String source, String text) {
        Map<String, Long> values = new HashMap<>(256);
        List<String> lines = Tokens.lines(text);
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = Tokens.split(lines.get(i));
            String[] numbers = Tokens.split(lines.get(i + 1));
            if (names.length == 0 || numbers.length == 0 || !names[0].equals(numbers[0])) {
                throw new IllegalArgumentException("header and value lines do not pair at line " + (i + 1));
            }
            String protocol = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < Math.min(names.length, numbers.length); k++) {
                values.put(protocol + "." + names[k], Long.parseLong(numbers[k]));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no counters");
        }
        return new KeyValueTable(source, Map.copyOf(values));
    }
}
