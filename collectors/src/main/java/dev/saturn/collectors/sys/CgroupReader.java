package dev.saturn.collectors.sys;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFiles;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.CgroupMembership;
import dev.saturn.collectors.proc.Mount;
import dev.saturn.collectors.proc.MountInfoReader;
import dev.saturn.collectors.proc.SelfCgroupReader;
import dev.saturn.collectors.proc.PressureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the cgroup this process (or the capturing process of a snapshot) belongs to. v2 when the
 * unified hierarchy holds the controllers; otherwise the v1 hierarchies cpu, cpuacct, memory, pids.
 */
public final class CgroupReader {
    /** v1 writes "no limit" as the largest page-aligned long. */
    private static final long V1_UNLIMITED = 0x7FFFFFFFFFFFF000L;

    private static final List<String> V2_FILES = List.of("cpu.stat", "cpu.max", "memory.current", "memory.max", "memory.pressure",
            "memory.events", "memory.stat", "pids.current", "pids.max", "pids.events");
    private static final List<String> V1_CPU = List.of("cpu.stat", "cpu.cfs_quota_us", "cpu.cfs_period_us");
    private static final List<String> V1_CPUACCT = List.of("cpuacct.usage");
    private static final List<String> V1_MEMORY = List.of("memory.usage_in_bytes", "memory.limit_in_bytes", "memory.oom_control",
            "memory.stat", "memory.failcnt");
    private static final List<String> V1_PIDS = List.of("pids.current", "pids.max", "pids.events");
    /** Every file read of a group's directory, v2 or any v1 hierarchy: what a snapshot tree copies of each. */
    public static final List<String> FILES = Stream.of(V2_FILES, V1_CPU, V1_CPUACCT, V1_MEMORY, V1_PIDS)
            .flatMap(List::stream).distinct().toList();

    private CgroupReader() {
    }

    /**
     * Where the group's files are: found from /proc/self/cgroup and the mount table, which change
     * rarely, so a sampler may locate once and {@link #read(CgroupFiles)} every sample.
     */
    public record CgroupFiles(String version, String path, Path cpu, Path cpuacct, Path memory, Path pids, Set<Path> absent) {
        public CgroupFiles {
            absent = Set.copyOf(absent);
        }

        /**
         * The group's files, those that do not exist noted (the root group has no pids.current, say): a
         * sampler then skips them instead of failing to open them every sample, until it locates again.
         */
        static CgroupFiles located(String version, String path, Path cpu, Path cpuacct, Path memory, Path pids) {
            CgroupFiles found = new CgroupFiles(version, path, cpu, cpuacct, memory, pids, Set.of());
            Set<Path> missing = new HashSet<>();
            for (Path file : found.files()) {
                if (!Files.exists(file)) {
                    missing.add(file);
                }
            }
            return new CgroupFiles(version, path, cpu, cpuacct, memory, pids, Set.copyOf(missing));
        }

        private List<Path> files() {
            if (version.equals("v2")) {
                return V2_FILES.stream().map(cpu::resolve).toList();
            }
            return Stream.of(V1_CPU.stream().map(cpu::resolve), V1_CPUACCT.stream().map(cpuacct::resolve),
                    V1_MEMORY.stream().map(memory::resolve), V1_PIDS.stream().map(pids::resolve)).flatMap(s -> s).toList();
        }

        /** Whether the file was there when the group was located (a vanished one then fails its read with a reason). */
        boolean exists(Path file) {
            return !absent.contains(file);
        }

        Reading<String> read(KernelFiles kernel, Path file) {
            return absent.contains(file) ? Reading.unavailable(file + " does not exist") : kernel.read(file);
        }

        Reading<Long> readLong(KernelFiles kernel, Path file) {
            Reading<String> text = read(kernel, file);
            return text.isAvailable() ? KernelFiles.parseText(file, text.value(), t -> Long.parseLong(t.trim()))
                    : Reading.unavailable(text.reason());
        }
    }

    /**
     * The files of {@code cgroup} (a path as /proc/PID/cgroup shows it, e.g. /system.slice/nginx.service;
     * the v2 form /sys/fs/cgroup/... too), or of this process's own group when it is null. A group that
     * does not exist is unavailable with the directory looked for.
     */
    public static Reading<CgroupFiles> locate(HostPaths paths, String cgroup) {
        return locate(paths, cgroup, MountInfoReader.read(paths));
    }

    /** As {@link #locate(HostPaths, String)}, with the mount table already read. */
    public static Reading<CgroupFiles> locate(HostPaths paths, String cgroup, Reading<List<Mount>> mounts) {
        Reading<List<CgroupMembership>> own = SelfCgroupReader.read(paths);
        if (cgroup == null) {
            return locate(paths, own, mounts);
        }
        String path = normalize(cgroup);
        Reading<CgroupFiles> files = locate(paths, own.map(groups -> groups.stream().map(g -> g.withPath(path)).toList()), mounts);
        if (files.isAvailable()) {
            Path dir = files.value().version().equals("v2") ? files.value().cpu() : files.value().memory();
            if (!Files.isDirectory(dir)) {
                return Reading.unavailable("no cgroup " + path + ": " + dir + " does not exist");
            }
        }
        return files;
    }

    /** "/sys/fs/cgroup/a/b", "a/b/" and "/a/b" all name /a/b; ".." is refused. */
    static String normalize(String cgroup) {
        if (cgroup.isBlank()) {
            throw new IllegalArgumentException("no cgroup path given: name one as /proc/PID/cgroup shows it, / for the root");
        }
        String path = cgroup.startsWith("/sys/fs/cgroup/") ? cgroup.substring("/sys/fs/cgroup".length()) : cgroup;
        path = "/" + path.replaceAll("^/+|/+$", "");
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("a cgroup path has no '.' or '..' in it: " + cgroup);
            }
        }
        return path;
    }

    public static Reading<CgroupFiles> locate(HostPaths paths, Reading<List<CgroupMembership>> memberships,
                                              Reading<List<Mount>> mounts) {
        if (!memberships.isAvailable()) {
            return Reading.unavailable(memberships.reason());
        }
        List<CgroupMembership> groups = memberships.value();
        CgroupMembership unified = groups.stream().filter(CgroupMembership::unified).findFirst().orElse(null);
        boolean hasV1Controllers = groups.stream().anyMatch(g -> !g.controllers().isEmpty()
                && (g.controllers().contains("memory") || g.controllers().contains("cpu")));
        if (unified != null && !hasV1Controllers) {
            Path dir = paths.sys("fs/cgroup" + unified.path());
            return Reading.of(CgroupFiles.located("v2", unified.path(), dir, dir, dir, dir));
        }
        if (!hasV1Controllers) {
            return Reading.unavailable("no cpu or memory controller in /proc/self/cgroup");
        }
        List<Mount> mountList = mounts.orElse(List.of());
        String path = groups.stream().filter(g -> g.controllers().contains("memory")).map(CgroupMembership::path)
                .findFirst().orElse("/");
        return Reading.of(CgroupFiles.located("v1", path, v1Dir(paths, groups, mountList, "cpu"),
                v1Dir(paths, groups, mountList, "cpuacct"), v1Dir(paths, groups, mountList, "memory"),
                v1Dir(paths, groups, mountList, "pids")));
    }

    /** The group's usage and limits, read through {@code paths}' files. */
    public static CgroupStats read(HostPaths paths, CgroupFiles files) {
        KernelFiles kernel = paths.files();
        return files.version().equals("v2") ? v2(kernel, files) : v1(kernel, files);
    }

    static CgroupStats v2(KernelFiles kernel, CgroupFiles files) {
        Path dir = files.cpu();
        Reading<String> cpuStat = files.read(kernel, dir.resolve("cpu.stat"));
        Path pressure = dir.resolve("memory.pressure");
        Reading<String> memoryEvents = files.read(kernel, dir.resolve("memory.events"));
        return new CgroupStats("v2", files.path(),
                field(cpuStat, "usage_usec"), v2Quota(kernel, files, dir.resolve("cpu.max")),
                field(cpuStat, "nr_periods"), field(cpuStat, "nr_throttled"),
                files.readLong(kernel, dir.resolve("memory.current")), v2Limit(kernel, files, dir.resolve("memory.max"), "memory limit"),
                files.absent().contains(pressure) ? Reading.unavailable(pressure + " does not exist") : PressureReader.read(kernel, pressure),
                field(files.read(kernel, dir.resolve("memory.stat")), "inactive_file"),
                field(memoryEvents, "high"), field(memoryEvents, "max"),
                field(memoryEvents, "oom_kill"),
                files.readLong(kernel, dir.resolve("pids.current")), v2Limit(kernel, files, dir.resolve("pids.max"), "pids limit"),
                field(files.read(kernel, dir.resolve("pids.events")), "max"));
    }

    static CgroupStats v1(KernelFiles kernel, CgroupFiles files) {
        Path cpu = files.cpu();
        Path memory = files.memory();
        Path pids = files.pids();
        Reading<String> cpuStat = files.read(kernel, cpu.resolve("cpu.stat"));
        return new CgroupStats("v1", files.path(),
                files.readLong(kernel, files.cpuacct().resolve("cpuacct.usage")).map(ns -> ns / 1000),
                v1Quota(kernel, files),
                field(cpuStat, "nr_periods"), field(cpuStat, "nr_throttled"),
                files.readLong(kernel, memory.resolve("memory.usage_in_bytes")),
                files.readLong(kernel, memory.resolve("memory.limit_in_bytes")).map(v -> {
                    if (v >= V1_UNLIMITED) {
                        throw new Unavailable("no memory limit set (memory.limit_in_bytes is unlimited)");
                    }
                    return v;
                }),
                Reading.unavailable("cgroup v1 has no memory.pressure file"),
                field(files.read(kernel, memory.resolve("memory.stat")), "total_inactive_file"),
                Reading.unavailable("cgroup v1 has no memory.high"),
                files.readLong(kernel, memory.resolve("memory.failcnt")),
                field(files.read(kernel, memory.resolve("memory.oom_control")), "oom_kill"),
                files.readLong(kernel, pids.resolve("pids.current")), v2Limit(kernel, files, pids.resolve("pids.max"), "pids limit"),
                field(files.read(kernel, pids.resolve("pids.events")), "max"));
    }

    /** The directory of this process's group in a v1 hierarchy, found through mountinfo. */
    private static Path v1Dir(HostPaths paths, List<CgroupMembership> groups, List<Mount> mounts, String controller) {
        String path = groups.stream().filter(g -> g.controllers().contains(controller)).map(CgroupMembership::path)
                .findFirst().orElse("/");
        for (Mount m : mounts) {
            if (m.fsType().equals("cgroup") && m.superOptions().contains(controller)) {
                String relative = path.startsWith(m.root()) && !m.root().equals("/") ? path.substring(m.root().length()) : path;
                return under(paths, m.mountPoint()).resolve(strip(relative));
            }
        }
        String mountName = groups.stream().filter(g -> g.controllers().contains(controller))
                .map(g -> String.join(",", g.controllers())).findFirst().orElse(controller);
        return paths.sys("fs/cgroup/" + mountName).resolve(strip(path));
    }

    private static Path under(HostPaths paths, String mountPoint) {
        if (mountPoint.startsWith("/sys/")) {
            return paths.sys(mountPoint.substring(5));
        }
        return Path.of(mountPoint);
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static Reading<Double> v2Quota(KernelFiles kernel, CgroupFiles files, Path cpuMax) {
        if (!files.exists(cpuMax)) {
            return Reading.unavailable("no CPU quota: " + cpuMax.getFileName() + " absent (root cgroup or cpu controller not enabled)");
        }
        return parse(kernel, files, cpuMax, text -> {
            String[] f = Tokens.split(text);
            if (f[0].equals("max")) {
                throw new Unavailable("no CPU quota set (cpu.max is max)");
            }
            return Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
        });
    }

    private static Reading<Double> v1Quota(KernelFiles kernel, CgroupFiles files) {
        Reading<Long> quota = files.readLong(kernel, files.cpu().resolve("cpu.cfs_quota_us"));
        Reading<Long> period = files.readLong(kernel, files.cpu().resolve("cpu.cfs_period_us"));
        if (!quota.isAvailable()) {
            return Reading.unavailable(quota.reason());
        }
        if (quota.value() < 0) {
            return Reading.unavailable("no CPU quota set (cpu.cfs_quota_us is -1)");
        }
        return period.map(p -> quota.value() / (double) p);
    }

    private static Reading<Long> v2Limit(KernelFiles kernel, CgroupFiles files, Path file, String what) {
        if (!files.exists(file)) {
            return Reading.unavailable("no " + what + ": " + file.getFileName() + " absent (root cgroup or controller not enabled)");
        }
        return parse(kernel, files, file, text -> {
            String value = text.trim();
            if (value.equals("max")) {
                throw new Unavailable("no " + what + " set (" + file.getFileName() + " is max)");
            }
            return Long.parseLong(value);
        });
    }

    private static <T> Reading<T> parse(KernelFiles kernel, CgroupFiles files, Path file, java.util.function.Function<String, T> parser) {
        Reading<String> text = files.read(kernel, file);
        return text.isAvailable() ? KernelFiles.parseText(file, text.value(), parser) : Reading.unavailable(text.reason());
    }

    /** A "key value" line of a flat-keyed cgroup file such as cpu.stat or memory.events. */
    private static Reading<Long> field(Reading<String> file, String key) {
        return file.map(text -> {
            for (String line : Tokens.lines(text)) {
                String[] f = Tokens.split(line);
                if (f.length == 2 && f[0].equals(key)) {
                    return Tokens.counter(f[1]);
                }
            }
            throw new Unavailable("no " + key + " line in the cgroup file");
        });
    }
}
