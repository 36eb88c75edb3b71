package dev.saturn.cli.options;

import dev.saturn.cli.common.UserException;
import dev.saturn.collectors.HostPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the host's /proc, /sys and / are (a container mounts them at /host/...): declared once for use, snapshot and agent. */
public final class HostRoots {
    @Option(names = "--proc-root", paramLabel = "DIR", description = "Read /proc from here (default /proc), e.g. /host/proc in a container.")
    Path procRoot;

    @Option(names = "--sys-root", paramLabel = "DIR", description = "Read /sys from here (default /sys), e.g. /host/sys.")
    Path sysRoot;

    @Option(names = "--root-fs", paramLabel = "DIR",
            description = "The host's / is mounted here (e.g. /host): measure the file systems of the host's mount table "
                + "(PROC/1/mountinfo) under DIR, as node_exporter's --path.rootfs (default: this process's own mounts).")
    Path rootFs;

    /** Whether any of them was given. */
    public boolean given() {
        return procRoot != null || sysRoot != null || rootFs != null;
    }

    /** The live host's paths, each root checked: a wrong one is a one-line error, not a table of n/a. */
    public HostPaths live() {
        HostPaths paths = HostPaths.liveAt(root(procRoot, "/proc", "--proc-root", "stat"), root(sysRoot, "/sys", "--sys-root", "block"));
        if (rootFs == null) {
            return paths;
        }
        if (!Files.isDirectory(rootFs)) {
            throw new UserException("--root-fs " + rootFs + " is not a directory: give where the host's / is mounted (e.g. /host)");
        }
        return paths.withRootFs(rootFs.toAbsolutePath().normalize());
    }

    private static Path root(Path given, String fallback, String option, String mustHave) {
        Path root = given == null ? Path.of(fallback) : given;
        if (!Files.exists(root.resolve(mustHave))) {
            throw new UserException(root + " does not look like " + fallback + " (no " + mustHave + " in it)"
                    + (given == null ? "" : ": point " + option + " at a mounted " + fallback));
        }
        return root;
    }
}
