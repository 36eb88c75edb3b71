package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import dev.saturn.collectors.Unavailable;

/** Reads the machine-check exception count (the "MCE:" row of /proc/interrupts, summed over CPUs). */
public final class InterruptsReader {
    private InterruptsReader() {
    }

    public static Reading<Long> machineChecks(HostPaths paths) {
        return paths.files().parse(ProcFile.INTERRUPTS.in(paths), InterruptsReader::parseMachineChecks);
    }

    static long parseMachineChecks(String text) {
        // Straight to the row rather than splitting every line: on a large machine the file has hundreds of
        // rows and columns, and the agent reads it every sample.
        for (int at = text.indexOf("MCE:"); at >= 0; at = text.indexOf("MCE:", at + 4)) {
            int lineStart = text.lastIndexOf('\n', at) + 1;
            if (!text.substring(lineStart, at).isBlank()) {
                continue;
            }
            int lineEnd = text.indexOf('\n', at);
            long sum = 0;
            for (String token : Tokens.split(text.substring(at + 4, lineEnd < 0 ? text.length() : lineEnd))) {
                if (token.isEmpty() || !Character.isDigit(token.charAt(0))) {
                    break;
                }
                sum += Tokens.counter(token);
            }
            return sum;
        }
        throw new Unavailable("no MCE row in /proc/interrupts: this kernel or CPU does not count machine checks");
    }
}
