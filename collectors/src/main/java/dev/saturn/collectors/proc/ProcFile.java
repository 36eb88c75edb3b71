package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import java.nio.file.Path;

/**
 * Every system-wide /proc file saturn's readers read, and the only names they read them by: a snapshot tree copies
 * exactly these ({@code SnapshotWriter}), so a tree analyzes like the live host it came from.
 */
public enum ProcFile {
    STAT("stat"), MEMINFO("meminfo"), VMSTAT("vmstat"), DISKSTATS("diskstats"), LOADAVG("loadavg"),
    VERSION("version"), CPUINFO("cpuinfo"), INTERRUPTS("interrupts"), SCHEDSTAT("schedstat"),
    NET_DEV("net/dev"), NET_SNMP("net/snmp"), NET_NETSTAT("net/netstat"), NET_SNMP6("net/snmp6"),
    NET_SOFTNET_STAT("net/softnet_stat"),
    PRESSURE_CPU("pressure/cpu"), PRESSURE_MEMORY("pressure/memory"), PRESSURE_IO("pressure/io"),
    FILE_NR("sys/fs/file-nr"), PID_MAX("sys/kernel/pid_max"), THREADS_MAX("sys/kernel/threads-max"),
    HOSTNAME("sys/kernel/hostname"), SELF_MOUNTINFO("self/mountinfo"), SELF_CGROUP("self/cgroup"),
    NET_TCP("net/tcp"), NET_TCP6("net/tcp6"), TASK_DELAYACCT("sys/kernel/task_delayacct");

    private final String path;

    ProcFile(String path) {
        this.path = path;
    }

    /** Its path under /proc: "net/dev". */
    public String path() {
        return path;
    }

    public Path in(HostPaths paths) {
        return paths.proc(path);
    }
}
