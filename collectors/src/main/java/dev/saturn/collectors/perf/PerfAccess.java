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
 * @param mayMount   effective uid 0 or CAP_SYS_ADMIN: perf, run by this process, can mount tracefs itself
 */
public record PerfAccess(Integer paranoid, boolean privileged, boolean mayMount) {
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_PERFMON = 38;

    /** Privileged as root is (who may mount), or not at all. */
    public PerfAccess(Integer paranoid, boolean privileged) {
        this(paranoid, privileged, privileged);
    }

    public static PerfAccess ofThisProcess() {
        Path status = Path.of("/proc/self/status");
        return new PerfAccess(paranoid(Path.of("/proc/sys/kernel/perf_event_paranoid")), privileged(status), mayMount(status));
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

    /** Effective uid 0, or CAP_PERFMON or CAP_SYS_ADMIN in the effective set. */
    static boolean privileged(Path status) {
        return privileged(status, CAP_SYS_ADMIN, CAP_PERFMON);
    }

    /** Effective uid 0, or CAP_SYS_ADMIN: may mount. */
    static boolean mayMount(Path status) {
        return privileged(status, CAP_SYS_ADMIN);
    }

    private static boolean privileged(Path status, int... capabilities) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).strip().split("\\s+");
                    if (ids.length > 1 && ids[1].equals("0")) {
                        return true;
                    }
                } else if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                    for (int cap : capabilities) {
                        if ((caps & (1L << cap)) != 0) {
                            return true;
                        }
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
