package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import java.nio.file.Path;

/**
 * Every per-process /proc file saturn reads, and the only names its readers use for them: a snapshot tree copies
 * exactly these for each process ({@code SnapshotWriter}). {@link #FD} is a directory of links, {@link #TASK_SCHEDSTAT}
 * a file of each thread.
 */
public enum ProcessFile {
    STAT("stat"), SCHEDSTAT("schedstat"), IO("io"), STATUS("status"), LIMITS("limits"), CGROUP("cgroup"), FD("fd"),
    TASK_SCHEDSTAT("task/*/schedstat");

    private final String name;

    ProcessFile(String name) {
        this.name = name;
    }

    /** Its path under /proc/PID: "io". */
    public String path() {
        return name;
    }

    public Path in(HostPaths paths, int pid) {
        return paths.proc().resolve(Integer.toString(pid)).resolve(name);
    }

    /** The schedstat of one thread. */
    public static Path taskSchedstat(HostPaths paths, int pid, String tid) {
        return paths.proc().resolve(Integer.toString(pid)).resolve("task").resolve(tid).resolve("schedstat");
    }
}
