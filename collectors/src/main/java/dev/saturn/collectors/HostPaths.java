package dev.saturn.collectors;

import java.nio.file.Path;

/**
 * Where the kernel's files are: the live /proc and /sys, a host's tree mounted in a container
 * (/host/proc), or a snapshot directory captured earlier.
 */
public record HostPaths(Path proc, Path sys, boolean live) {

    public static HostPaths liveHost() {
        return new HostPaths(Path.of("/proc"), Path.of("/sys"), true);
    }

    public static HostPaths liveAt(Path proc, Path sys) {
        return new HostPaths(proc, sys, true);
    }

    public static HostPaths snapshotTree(Path dir) {
        return new HostPaths(dir.resolve("proc"), dir.resolve("sys"), false);
    }

    public Path proc(String relative) {
        return proc.resolve(relative);
    }

    public Path sys(String relative) {
        return sys.resolve(relative);
    }

    /** The snapshot directory itself, for files that live beside proc/ and sys/ (TIMESTAMP, df.txt). */
    public Path treeRoot() {
        return proc.getParent();
    }
}
