package dev.saturn.collectors.snapshot;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.fs.Filesystem;
import dev.saturn.collectors.fs.FilesystemReader;
import dev.saturn.collectors.proc.CgroupMembership;
import dev.saturn.collectors.proc.MountInfoReader;
import dev.saturn.collectors.proc.ProcFile;
import dev.saturn.collectors.proc.ProcessFile;
import dev.saturn.collectors.proc.SelfCgroupReader;
import dev.saturn.collectors.sys.BlockDeviceReader;
import dev.saturn.collectors.sys.CgroupReader;
import dev.saturn.collectors.sys.NetInterfaceReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a snapshot tree in the layout docs/snapshot.md describes, so that a tree analyzes like the live host it
 * came from: the files copied are those the readers declare they read ({@link ProcFile}, {@link BlockDeviceReader#FILES},
 * {@link NetInterfaceReader#FILES}, {@link CgroupReader#FILES}, ext4 error counts) and every process's stat.
 */
public final class SnapshotWriter {
    private final HostPaths source;

    public SnapshotWriter(HostPaths source) {
        this.source = source;
    }

    /** Writes the tree and returns how many files it holds. */
    public int write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.toAbsolutePath();
        int[] count = {0};
        Files.writeString(target.resolve("TIMESTAMP"), String.format(Locale.ROOT, "%.9f%n", epochNow()));
        for (ProcFile f : ProcFile.values()) {
            copy(f.in(source), target.resolve("proc").resolve(f.path()), count);
        }
        if (source.rootFs() != null) {
            // the table df.txt measures: read back in its place (HostPaths.filesystemTable)
            copy(source.filesystemTable(), target.resolve("proc/1/mountinfo"), count);
        }
        copyProcesses(target, count);
        copyBlock(target, count);
        copyNet(target, count);
        copyCgroups(target, count);
        copyExt4(target, count);
        writeDf(target, count);
        return count[0];
    }

    private static double epochNow() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    /** Each process's files ({@link ProcessFile}): its fd directory as links to what they name ("socket:[INODE]"). */
    private void copyProcesses(Path target, int[] count) throws IOException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(source.proc())) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                Path to = target.resolve("proc").resolve(name);
                for (ProcessFile f : ProcessFile.values()) {
                    switch (f) {
                        case FD -> copyLinks(entry.resolve(f.path()), to.resolve(f.path()), count);
                        case TASK_SCHEDSTAT -> copyTasks(entry, to, count);
                        default -> copy(entry.resolve(f.path()), to.resolve(f.path()), count);
                    }
                }
            }
        }
    }

    private static void copyLinks(Path from, Path to, int[] count) {
        try (DirectoryStream<Path> links = Files.newDirectoryStream(from)) {
            Files.createDirectories(to);
            for (Path link : links) {
                try {
                    Files.createSymbolicLink(to.resolve(link.getFileName().toString()), Files.readSymbolicLink(link));
                    count[0]++;
                } catch (IOException e) {
                    // closed between the listing and the link: not open at this instant
                }
            }
        } catch (IOException e) {
            // the process went away, or its fds are not ours to list: the tree says so by lacking them
        }
    }

    /** Each thread's schedstat, for a process with several (the reader sums them). */
    private void copyTasks(Path process, Path to, int[] count) throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
            tasks.forEach(all::add);
        } catch (IOException e) {
            return; // the process went away
        }
        if (all.size() > 1) {
            for (Path task : all) {
                copy(task.resolve("schedstat"), to.resolve("task").resolve(task.getFileName().toString()).resolve("schedstat"), count);
            }
        }
    }

    private void copyBlock(Path target, int[] count) throws IOException {
        for (Path dev : list(source.sys("block"))) {
            Path out = target.resolve("sys/block").resolve(dev.getFileName().toString());
            Files.createDirectories(out);
            if (Files.exists(dev.resolve("device"))) {
                markPresent(out.resolve("device"));
            }
            for (String f : BlockDeviceReader.FILES) {
                copy(dev.resolve(f), out.resolve(f), count);
            }
        }
    }

    private void copyNet(Path target, int[] count) throws IOException {
        for (Path nic : list(source.sys("class/net"))) {
            Path out = target.resolve("sys/class/net").resolve(nic.getFileName().toString());
            Files.createDirectories(out);
            for (String f : NetInterfaceReader.FILES) {
                copy(nic.resolve(f), out.resolve(f), count);
            }
        }
    }

    private void copyCgroups(Path target, int[] count) throws IOException {
        Reading<List<CgroupMembership>> groups = SelfCgroupReader.read(source);
        if (!groups.isAvailable()) {
            return;
        }
        for (CgroupMembership g : groups.value()) {
            String relative = g.path().startsWith("/") ? g.path().substring(1) : g.path();
            String hierarchy = g.unified() ? "fs/cgroup" : "fs/cgroup/" + String.join(",", g.controllers());
            Path from = source.sys(hierarchy).resolve(relative);
            Path to = target.resolve("sys").resolve(hierarchy).resolve(relative);
            for (String f : CgroupReader.FILES) {
                copy(from.resolve(f), to.resolve(f), count);
            }
        }
    }

    private void copyExt4(Path target, int[] count) throws IOException {
        for (Path dev : list(source.sys(FilesystemReader.EXT4_DIR))) {
            copy(dev.resolve(FilesystemReader.EXT4_ERRORS), target.resolve("sys").resolve(FilesystemReader.EXT4_DIR)
                    .resolve(dev.getFileName().toString()).resolve(FilesystemReader.EXT4_ERRORS), count);
        }
    }

    private void writeDf(Path target, int[] count) throws IOException {
        Reading<List<Filesystem>> filesystems = FilesystemReader.read(source, MountInfoReader.filesystemTable(source, MountInfoReader.read(source)));
        if (!filesystems.isAvailable()) {
            return;
        }
        StringBuilder df = new StringBuilder("Filesystem Type 1024-blocks Used Available Capacity Mounted on\n");
        for (Filesystem fs : filesystems.value()) {
            if (fs.capacity().isAvailable()) {
                df.append(FilesystemReader.dfRow(fs)).append('\n');
            }
        }
        Files.writeString(target.resolve("df.txt"), df.toString());
        count[0]++;
    }

    /**
     * A device/ directory says "physical" by existing. It holds a .keep file so that the tree keeps
     * that meaning through git and tools that drop empty directories.
     */
    private static void markPresent(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".keep"), "");
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            List<Path> out = new java.util.ArrayList<>();
            stream.forEach(out::add);
            out.sort(null);
            return out;
        }
    }

    /** Copies one kernel file if it can be read; a file that vanished or refuses is left out. */
    private void copy(Path from, Path to, int[] count) throws IOException {
        byte[] bytes;
        try {
            bytes = source.files().readBytes(from);
        } catch (IOException e) {
            return;
        }
        Files.createDirectories(to.getParent());
        Files.write(to, bytes);
        count[0]++;
    }
}
