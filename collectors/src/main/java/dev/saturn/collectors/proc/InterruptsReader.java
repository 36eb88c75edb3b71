package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFile;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import dev.saturn.collectors.Unavailable;

/** Reads the machine-check exception count (the "MCE:" row of /proc/interrupts, summed over CPUs). */
public final class InterruptsReader {
    private InterruptsReader() {
    }

    public static Reading<Long> machineChecks(HostPaths paths) {
        return KernelFile.parse(paths.proc("interrupts"), InterruptsReader::parseMachineChecks);
    }

    static long parseMachineChecks(String text) {
        for (String line : Tokens.lines(text)) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("MCE:")) {
                String[] f = Tokens.split(trimmed.substring(4));
                long sum = 0;
                for (String token : f) {
                    if (token.isEmpty() || !Character.isDigit(token.charAt(0))) {
                        break;
                    }
                    sum += Tokens.counter(token);
                }
                return sum;
            }
        }
        throw new Unavailable("no MCE row in /proc/interrupts: this kernel or CPU does not count machine checks");
    }
}
