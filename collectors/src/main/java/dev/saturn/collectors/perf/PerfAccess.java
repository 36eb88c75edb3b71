package dev.saturn.collectors.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process may sample with perf_event_open, from kernel.perf_event_paranoid and its
 * capabilities: root, CAP_PERFMON or CAP_SYS_ADMIN bypass the sysctl; otherwise 2 allows profiling
 * one's own processes in user space, 1 adds the kernel, 0 or less adds system-wide (every CPU)
 * profiling, and 3 (Debian's and Android's extra level) forbids it all.
 *
 * @param paranoid   kernel.perf_event_paranoid, or null when unreadable
 * @param privileged effective uid 0, or CAP_PERFMON or CAP_SYS_ADMIN in the effective set
 */
public record PerfAccess(Integer paranoid, boolean privileged) {
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;

    public static PerfAccess ofThisProcess() {
        return new PerfAccess(paranoid(Path.of("/proc/sys/kernel/perf_event_paranoid")), privileged(Path.of("/proc/self/status")));
    }

    /** Why a request would be refused, in one line that says what to change; empty when it is allowed. */
    public Optional<String> refusal(boolean systemWide) {
        if (privileged || paranoid == null) {
            return Optional.empty();
        }
        if (systemWide && paranoid > 0) {
            return Optional.of("system-wide profiling needs root or kernel.perf_event_paranoid <= 0, and it is "
                    + paranoid + ": run as root, or `sudo sysctl kernel.perf_event_paranoid=0`");
        }
        if (paranoid > 2) {
            return Optional.of("kernel.perf_event_paranoid is " + paranoid + ", which forbids perf to non-root users: run as root, "
                    + "or `sudo sysctl kernel.perf_event_paranoid=2` (1 to include kernel frames)");
        }
        return Optional.empty();
    }

    /** At 2, the kernel part of each stack is left out for an unprivileged user. */
    public boolean kernelFramesHidden() {
        return !privileged && paranoid != null && paranoid > 1;
    }

    static Integer paranoid(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    static boolean privileged(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).strip().split("\\s+");
                    if (ids.length > 1 && ids[1].equals("0")) {
                        return true;
                    }
                } else if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    if ((caps & (1L << CAP_SYS_ADMIN)) != 0 || (caps & (1L << CAP_PERFMON)) != 0) {
                        return true;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
