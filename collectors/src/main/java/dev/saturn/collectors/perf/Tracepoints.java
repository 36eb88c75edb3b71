package dev.saturn.collectors.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether perf can record a tracepoint here: perf finds tracepoints through tracefs (mounted at
 * /sys/kernel/tracing, or under debugfs at /sys/kernel/debug/tracing on older systems), the kernel must
 * have the tracepoint, and without privilege the kernel lets perf read a tracepoint's raw data only at
 * kernel.perf_event_paranoid -1. An unmounted tracefs is no obstacle to root: perf mounts it at /sys/kernel/tracing
 * itself (as a fresh machine without systemd's mount shows), where the kernel offers that mount point.
 *
 * @param sys    where /sys is (relocated in tests)
 * @param access this process's perf permissions
 */
public record Tracepoints(Path sys, PerfAccess access) {
    private static final List<String> TRACEFS = List.of("kernel/tracing", "kernel/debug/tracing");

    public static Tracepoints ofThisHost() {
        return new Tracepoints(Path.of("/sys"), PerfAccess.ofThisProcess());
    }

    /** Why perf could not record {@code tracepoint} ("sched:sched_switch"), in one line saying what to set; empty when it can. */
    public Optional<String> refusal(String tracepoint) {
        if (!access.privileged() && access.paranoid() != null && access.paranoid() > -1) {
            return Optional.of(tracepoint + " needs root or kernel.perf_event_paranoid <= -1, and it is " + access.paranoid()
                    + ": run as root, or `sudo sysctl kernel.perf_event_paranoid=-1`");
        }
        Optional<Path> events = TRACEFS.stream().map(d -> sys.resolve(d).resolve("events")).filter(Files::isDirectory).findFirst();
        if (events.isEmpty()) {
            if (access.mayMount() && Files.isDirectory(sys.resolve(TRACEFS.get(0)))) {
                return Optional.empty();
            }
            return Optional.of(tracepoint + " needs tracefs, which is not mounted (no " + sys.resolve(TRACEFS.get(0)).resolve("events")
                    + "): `mount -t tracefs nodev /sys/kernel/tracing`");
        }
        Path dir = events.get().resolve(tracepoint.replace(':', '/'));
        if (!Files.isDirectory(dir)) {
            return Optional.of("this kernel has no " + tracepoint + " tracepoint (no " + dir + "): use --event cpu");
        }
        return Optional.empty();
    }
}
