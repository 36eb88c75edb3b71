package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;

/** Reads /proc/sys/kernel/hostname, /proc/version and the first model name of /proc/cpuinfo. */
public final class HostInfoReader {
    private HostInfoReader() {
    }

    public static HostInfo read(HostPaths paths) {
        String hostname = paths.files().readTrimmed(ProcFile.HOSTNAME.in(paths)).orElse("unknown");
        String kernel = paths.files().parse(ProcFile.VERSION.in(paths), HostInfoReader::release).orElse("unknown");
        String model = paths.files().parse(ProcFile.CPUINFO.in(paths), HostInfoReader::cpuModel).orElse("unknown CPU");
        return new HostInfo(hostname, kernel, model);
    }

    static String release(String version) {
        String[] f = Tokens.split(version);
        return f.length >= 3 && f[0].equals("Linux") ? f[2] : version.trim();
    }

    static String cpuModel(String cpuinfo) {
        for (String line : Tokens.lines(cpuinfo)) {
            if (line.startsWith("model name") || line.startsWith("Processor") || line.startsWith("cpu model")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                }
            }
        }
        return "unknown CPU";
    }
}
