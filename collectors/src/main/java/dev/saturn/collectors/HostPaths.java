package dev.saturn.collectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the kernel's files are: the live /proc and /sys, a host's tree mounted in a container
 * (/host/proc), or a snapshot directory captured earlier; and, with {@code rootFs}, where the host's
 * file systems are mounted (node_exporter's --path.rootfs), so that each statvfs reaches the host's
 * mount rather than whatever is at that path in the reader's own mount namespace.
 *
 * <p>It also carries how its files are read ({@code files}): opened for each read, or kept open by the sampler
 * that owns them ({@link #readingWith}). That is not where the files are, so equality leaves it out.
 *
 * @param rootFs the host's / as seen here (/host), or null: the mount points are measured as they are
 * @param files  how the readers read the files: {@link KernelFiles#anew()} unless a sampler gave its own
 */
public record HostPaths(Path proc, Path sys, boolean live, Path rootFs, KernelFiles files) {
    private static final Path PROC = Path.of("/proc");

    public HostPaths {
        Objects.requireNonNull(files, "files");
    }

    public HostPaths(Path proc, Path sys, boolean live) {
        this(proc, sys, live, null, KernelFiles.anew());
    }

    public static HostPaths liveHost() {
        return new HostPaths(PROC, Path.of("/sys"), true);
    }

    public static HostPaths liveAt(Path proc, Path sys) {
        return new HostPaths(proc, sys, true);
    }

    public static HostPaths snapshotTree(Path dir) {
        return new HostPaths(dir.resolve("proc"), dir.resolve("sys"), false);
    }

    /** The same, with the host's file systems measured under {@code dir} (null: as they are). */
    public HostPaths withRootFs(Path dir) {
        return new HostPaths(proc, sys, live, dir, files);
    }

    /** The same files, read through {@code files}: a sampler's own, which it closes when it is closed. */
    public HostPaths readingWith(KernelFiles files) {
        return new HostPaths(proc, sys, live, rootFs, files);
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

    /**
     * The mount table whose file systems are measured. With a root fs, init's (PID 1's mount namespace is
     * the host's; "self" through a host's /proc mounted in a container is the container's own, as for
     * node_exporter, which reads PROCFS/1/mountinfo). A snapshot tree records which one its df.txt measured.
     */
    public Path filesystemTable() {
        if (rootFs != null || (!live && Files.exists(proc("1/mountinfo")))) {
            return proc("1/mountinfo");
        }
        return proc("self/mountinfo");
    }

    /** Where statvfs measures the file system mounted at {@code mountPoint} of {@link #filesystemTable()}. */
    public Path statvfsPath(String mountPoint) {
        return rootFs == null ? Path.of(mountPoint) : Path.of(rootFs.toString(), mountPoint);
    }

    /**
     * Whether the mount table is this process's own (the live /proc, no root fs), so that statvfs on a mount
     * point is that mount by construction. Otherwise each path is checked against the table first.
     */
    public boolean ownMountTable() {
        return live && rootFs == null && proc.equals(PROC);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostPaths that && live == that.live && proc.equals(that.proc) && sys.equals(that.sys)
                && Objects.equals(rootFs, that.rootFs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(proc, sys, live, rootFs);
    }
}
