package dev.saturn.collectors.fs;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import dev.saturn.collectors.proc.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the watched file systems in the mount table and measures them: statvfs on a live host (each
 * call bounded, since a stuck network mount would hang it), df.txt in a snapshot tree. Watched: disks,
 * network file systems, and the memory-backed and layered ones that fill too (tmpfs: /run, /dev/shm;
 * overlay: a container's root). docs/metrics.md says which others are left out and why.
 */
public final class FilesystemReader {
    private static final Set<String> DISK_TYPES = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs",
            "vfat", "exfat", "ntfs", "ntfs3", "jfs", "reiserfs", "bcachefs");
    private static final Set<String> NETWORK_TYPES = Set.of("nfs", "nfs4", "cifs", "smb3", "ceph", "glusterfs",
            "fuse.sshfs", "9p", "virtiofs", "lustre");
    /** They fill like a disk, and a full one stops the host (/run, /dev/shm) or the container (its root). */
    private static final Set<String> MEMORY_AND_LAYERED_TYPES = Set.of("tmpfs", "overlay");
    /** Read-only images, full by construction (snap's squashfs on /dev/loopN, a CD). */
    private static final Set<String> IMAGE_TYPES = Set.of("squashfs", "iso9660", "erofs");
    /**
     * A tmpfs or overlay mounted under these is the kernel's (the cgroup v1 tree in /sys/fs/cgroup) or
     * another container's (its root, its secrets): hundreds on a Kubernetes node, each watched from inside
     * its own container. {@link #CONTAINER_STORAGE} is the same for rootless podman, under a home directory.
     */
    private static final List<String> NOT_WATCHED_UNDER = List.of("/proc/", "/sys/", "/run/credentials/",
            "/var/lib/docker/", "/var/lib/containers/", "/var/lib/containerd/", "/var/lib/kubelet/", "/run/containerd/",
            "/run/docker/", "/run/k3s/");
    private static final String CONTAINER_STORAGE = "/containers/storage/";
    private static final long STATVFS_TIMEOUT_MS = 1000;
    /**
     * One pool for the life of the process: a new pool and thread per snapshot cost 0.5-0.8 ms
     * (Thread.start) of a ~2.5 ms snapshot. Idle threads exit after 60 s; a statvfs stuck on a hung
     * mount keeps its thread until it returns, and that mount is not asked again meanwhile (see IN_FLIGHT).
     */
    private static final ExecutorService STATVFS_POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "statvfs");
        t.setDaemon(true);
        return t;
    });

    /**
     * Mount points whose statvfs has not returned yet, with when it was asked. A long-running sampler
     * (the agent) would otherwise wait the full timeout on every sample and leave one more stuck
     * thread behind each time.
     */
    private static final Map<String, Long> IN_FLIGHT = new ConcurrentHashMap<>();

    private FilesystemReader() {
    }

    /**
     * Whether a mount's space is watched. Pseudo file systems (proc, sysfs, cgroup, devpts, mqueue...) have
     * none; devtmpfs holds device nodes, ramfs has no limit to reach (statvfs says 0 blocks), and a
     * read-only tmpfs or overlay cannot fill.
     */
    public static boolean isReal(Mount m) {
        String type = m.fsType();
        if (DISK_TYPES.contains(type) || NETWORK_TYPES.contains(type)) {
            return true;
        }
        if (MEMORY_AND_LAYERED_TYPES.contains(type)) {
            return !m.readOnly() && NOT_WATCHED_UNDER.stream().noneMatch(m.mountPoint()::startsWith)
                    && !m.mountPoint().contains(CONTAINER_STORAGE);
        }
        return m.source().startsWith("/dev/") && !IMAGE_TYPES.contains(type);
    }

    public static Reading<List<Filesystem>> read(HostPaths paths, Reading<List<Mount>> mounts) {
        if (!mounts.isAvailable()) {
            return Reading.unavailable(mounts.reason());
        }
        List<Mount> real = realMounts(mounts.value());
        Map<String, Reading<Capacity>> capacities = paths.live() ? statvfs(paths, real) : fromDf(paths, real);
        List<Filesystem> out = new ArrayList<>();
        for (Mount m : real) {
            out.add(new Filesystem(m.mountPoint(), m.source(), m.fsType(), m.readOnly(),
                    m.superOptions().contains("errors=remount-ro"), capacities.get(m.mountPoint()), ext4Errors(paths, m)));
        }
        return Reading.of(out);
    }

    /**
     * One entry per device: bind mounts and repeated mounts of the same filesystem are one row. A mount
     * with another mounted over it later (at the same point) is left out: statvfs there reaches the top one.
     */
    public static List<Mount> realMounts(List<Mount> mounts) {
        Map<String, Mount> top = new HashMap<>();
        for (Mount m : mounts) {
            top.put(m.mountPoint(), m);
        }
        Map<String, Mount> byDevice = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Mount m : mounts) {
            if (!isReal(m) || top.get(m.mountPoint()) != m) {
                continue;
            }
            Mount seen = byDevice.get(m.majorMinor());
            if (seen == null) {
                order.add(m.majorMinor());
                byDevice.put(m.majorMinor(), m);
            } else if (m.root().equals("/") && (!seen.root().equals("/") || m.mountPoint().length() < seen.mountPoint().length())) {
                byDevice.put(m.majorMinor(), m);
            }
        }
        List<Mount> out = new ArrayList<>();
        for (String device : order) {
            out.add(byDevice.get(device));
        }
        return out;
    }

    private static Map<String, Reading<Capacity>> statvfs(HostPaths paths, List<Mount> mounts) {
        Map<String, Reading<Capacity>> out = new HashMap<>();
        Map<String, Future<Reading<Capacity>>> pending = new HashMap<>();
        boolean check = !paths.ownMountTable();
        try {
            for (Mount m : mounts) {
                String mountPoint = m.mountPoint();
                Path target = paths.statvfsPath(mountPoint);
                String key = target.toString();
                Long since = IN_FLIGHT.putIfAbsent(key, System.nanoTime());
                if (since != null) {
                    out.put(mountPoint, Reading.unavailable("statvfs(" + key + ") has not returned for "
                            + (System.nanoTime() - since) / 1_000_000_000L + " s (hung mount?); not asked again until it does"));
                    continue;
                }
                pending.put(mountPoint, STATVFS_POOL.submit(() -> {
                    try {
                        return check ? measureChecked(paths, m, target) : Reading.of(capacity(target));
                    } finally {
                        IN_FLIGHT.remove(key);
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATVFS_TIMEOUT_MS);
            for (Map.Entry<String, Future<Reading<Capacity>>> e : pending.entrySet()) {
                out.put(e.getKey(), await(paths.statvfsPath(e.getKey()).toString(), e.getValue(), deadline));
            }
        } finally {
            // what shutdownNow() of a per-call pool did: interrupt whatever is still running
            for (Future<Reading<Capacity>> f : pending.values()) {
                f.cancel(true);
            }
        }
        return out;
    }

    private static Reading<Capacity> await(String target, Future<Reading<Capacity>> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return Reading.unavailable("statvfs(" + target + ") did not answer within " + STATVFS_TIMEOUT_MS + " ms (hung mount?)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.unavailable("interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof NoSuchFileException ? "no such directory" : cause.getMessage();
            return Reading.unavailable("statvfs(" + target + ") failed: " + why);
        }
    }

    /**
     * A mount table that is not this process's own (a host's, read through --proc-root) lists mount points
     * that may hold anything here: statvfs answers only for the device the table names, else the figure would
     * be another file system's. btrfs is let through on its type: a subvolume's files carry a device number of
     * their own, not the one mountinfo shows.
     */
    private static Reading<Capacity> measureChecked(HostPaths paths, Mount m, Path target) throws IOException {
        String found;
        try {
            found = "device " + majorMinor((Long) Files.getAttribute(target, "unix:dev"));
        } catch (NoSuchFileException e) {
            found = "no such directory";
        }
        if (!found.equals("device " + m.majorMinor()) && !(m.fsType().equals("btrfs") && Files.getFileStore(target).type().equals("btrfs"))) {
            return Reading.unavailable(target + " is not the " + m.fsType() + " that " + paths.filesystemTable() + " lists at "
                    + m.mountPoint() + " (" + found + ", not " + m.majorMinor() + ")" + (paths.rootFs() == null
                    ? ": that table is not this process's own; give --root-fs DIR with the host's / mounted at DIR"
                    : ": mount the host's / at " + paths.rootFs() + " with its submounts (docker: -v /:" + paths.rootFs() + ":ro,rslave)"));
        }
        return Reading.of(capacity(target));
    }

    /** st_dev as glibc's gnu_dev_major and gnu_dev_minor split it, written as mountinfo does. */
    public static String majorMinor(long dev) {
        long major = ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL);
        long minor = ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL);
        return major + ":" + minor;
    }

    static Capacity capacity(Path mountPoint) throws IOException {
        return Statvfs.of(mountPoint);
    }

    /** df -P -T: "Filesystem Type 1024-blocks Used Available Capacity Mounted on". */
    private static Map<String, Reading<Capacity>> fromDf(HostPaths paths, List<Mount> mounts) {
        Path df = paths.treeRoot().resolve("df.txt");
        Map<String, Reading<Capacity>> out = new HashMap<>();
        Reading<String> text = paths.files().read(df);
        Map<String, Capacity> parsed = new HashMap<>();
        if (text.isAvailable()) {
            for (String line : Tokens.lines(text.value())) {
                String[] f = Tokens.split(line);
                if (f.length < 7 || f[0].equals("Filesystem")) {
                    continue;
                }
                try {
                    long total = Long.parseLong(f[2]) * 1024;
                    long used = Long.parseLong(f[3]) * 1024;
                    long avail = Long.parseLong(f[4]) * 1024;
                    parsed.put(String.join(" ", List.of(f).subList(6, f.length)), new Capacity(total, total - used, avail));
                } catch (NumberFormatException e) {
                    // a garbled row: that filesystem's capacity becomes unavailable below
                }
            }
        }
        for (Mount m : mounts) {
            Capacity c = parsed.get(m.mountPoint());
            out.put(m.mountPoint(), c != null ? Reading.of(c)
                    : Reading.unavailable(text.isAvailable() ? "no row for " + m.mountPoint() + " in " + df
                    : "snapshot has no capacity for filesystems (" + text.reason() + ")"));
        }
        return out;
    }

    /** An ext2/3/4 file system's error count: /sys/fs/ext4/DEVICE/errors_count. */
    public static final String EXT4_DIR = "fs/ext4";
    public static final String EXT4_ERRORS = "errors_count";

    private static Reading<Long> ext4Errors(HostPaths paths, Mount m) {
        if (!m.fsType().equals("ext4") && !m.fsType().equals("ext3") && !m.fsType().equals("ext2")) {
            return Reading.unavailable(m.fsType() + " keeps no error counter in /sys/fs");
        }
        String device = m.source().substring(m.source().lastIndexOf('/') + 1);
        Path file = paths.sys(EXT4_DIR).resolve(device).resolve(EXT4_ERRORS);
        if (!Files.exists(file)) {
            return Reading.unavailable("no " + file + " (kernel before 3.x, or device name differs)");
        }
        return paths.files().readLong(file);
    }

    /** A df -P -T row as `saturn snapshot` writes it, so snapshot trees read back the same way. */
    public static String dfRow(Filesystem fs) {
        Capacity c = fs.capacity().get();
        long total = c.totalBytes() / 1024;
        long used = (c.totalBytes() - c.freeBytes()) / 1024;
        long avail = c.availableBytes() / 1024;
        long pct = used + avail == 0 ? 0 : (long) Math.ceil(100.0 * used / (used + avail));
        return String.join(" ", fs.source(), fs.fsType(), Long.toString(total), Long.toString(used),
                Long.toString(avail), pct + "%", fs.mountPoint());
    }

}
