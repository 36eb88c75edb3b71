package dev.saturn.collectors.sys;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFile;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import dev.saturn.collectors.Unavailable;
import dev.saturn.collectors.proc.CgroupMembership;
import dev.saturn.collectors.proc.Mount;
import dev.saturn.collectors.proc.PressureReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the cgroup this process (or the capturing process of a snapshot) belongs to. v2 when the
 * unified hierarchy holds the controllers; otherwise the v1 hierarchies cpu, cpuacct, memory, pids.
 */
public final class CgroupReader {
    /** v1 writes "no limit" as the largest page-aligned long. */
    private static final long V1_UNLIMITED = 0x7FFFFFFFFFFFF000L;

    private CgroupReader() {
    }

    /**
     * Where the group's files are: found from /proc/self/cgroup and the mount table, which change
     * rarely, so a sampler may locate once and {@link #read(CgroupFiles)} every sample.
     */
    public record CgroupFiles(String version, String path, Path cpu, Path cpuacct, Path memory, Path pids) {
    }

    public static Reading<CgroupStats> read(HostPaths paths, Reading<List<CgroupMembership>> memberships,
                                            Reading<List<Mount>> mounts) {
        Reading<CgroupFiles> files = locate(paths, memberships, mounts);
        return files.isAvailable() ? Reading.of(read(files.value())) : Reading.unavailable(files.reason());
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
            return Reading.of(new CgroupFiles("v2", unified.path(), dir, dir, dir, dir));
        }
        if (!hasV1Controllers) {
            return Reading.unavailable("no cpu or memory controller in /proc/self/cgroup");
        }
        List<Mount> mountList = mounts.orElse(List.of());
        String path = groups.stream().filter(g -> g.controllers().contains("memory")).map(CgroupMembership::path)
                .findFirst().orElse("/");
        return Reading.of(new CgroupFiles("v1", path, v1Dir(paths, groups, mountList, "cpu"),
                v1Dir(paths, groups, mountList, "cpuacct"), v1Dir(paths, groups, mountList, "memory"),
                v1Dir(paths, groups, mountList, "pids")));
    }

    public static CgroupStats read(CgroupFiles files) {
        return files.version().equals("v2") ? v2(files.cpu(), files.path()) : v1(files);
    }

    static CgroupStats v2(Path dir, String path) {
        Reading<String> cpuStat = KernelFile.read(dir.resolve("cpu.stat"));
        return new CgroupStats("v2", path,
                field(cpuStat, "usage_usec"), v2Quota(dir.resolve("cpu.max")),
                field(cpuStat, "nr_periods"), field(cpuStat, "nr_throttled"),
                KernelFile.readLong(dir.resolve("memory.current")), v2Limit(dir.resolve("memory.max"), "memory limit"),
                PressureReader.read(dir.resolve("memory.pressure")),
                field(KernelFile.read(dir.resolve("memory.events")), "oom_kill"),
                KernelFile.readLong(dir.resolve("pids.current")), v2Limit(dir.resolve("pids.max"), "pids limit"),
                field(KernelFile.read(dir.resolve("pids.events")), "max"));
    }

    static CgroupStats v1(CgroupFiles files) {
        Path cpu = files.cpu();
        Path memory = files.memory();
        Path pids = files.pids();
        Reading<String> cpuStat = KernelFile.read(cpu.resolve("cpu.stat"));
        return new CgroupStats("v1", files.path(),
                KernelFile.readLong(files.cpuacct().resolve("cpuacct.usage")).map(ns -> ns / 1000),
                v1Quota(cpu),
                field(cpuStat, "nr_periods"), field(cpuStat, "nr_throttled"),
                KernelFile.readLong(memory.resolve("memory.usage_in_bytes")),
                KernelFile.readLong(memory.resolve("memory.limit_in_bytes")).map(v -> {
                    if (v >= V1_UNLIMITED) {
                        throw new Unavailable("no memory limit set (memory.limit_in_bytes is unlimited)");
                    }
                    return v;
                }),
                Reading.unavailable("cgroup v1 has no memory.pressure file"),
                field(KernelFile.read(memory.resolve("memory.oom_control")), "oom_kill"),
                KernelFile.readLong(pids.resolve("pids.current")), v2Limit(pids.resolve("pids.max"), "pids limit"),
                field(KernelFile.read(pids.resolve("pids.events")), "max"));
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

    private static Reading<Double> v2Quota(Path cpuMax) {
        if (!Files.exists(cpuMax)) {
            return Reading.unavailable("no CPU quota: " + cpuMax.getFileName() + " absent (root cgroup or cpu controller not enabled)");
        }
        return KernelFile.parse(cpuMax, text -> {
            String[] f = Tokens.split(text);
            if (f[0].equals("max")) {
                throw new Unavailable("no CPU quota set (cpu.max is max)");
            }
            return Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
        });
    }

    private static Reading<Double> v1Quota(Path cpu) {
        Reading<Long> quota = KernelFile.readLong(cpu.resolve("cpu.cfs_quota_us"));
        Reading<Long> period = KernelFile.readLong(cpu.resolve("cpu.cfs_period_us"));
        if (!quota.isAvailable()) {
            return Reading.unavailable(quota.reason());
        }
        if (quota.value() < 0) {
            return Reading.unavailable("no CPU quota set (cpu.cfs_quota_us is -1)");
        }
        return period.map(p -> quota.value() / (double) p);
    }

    private static Reading<Long> v2Limit(Path file, String what) {
        if (!Files.exists(file)) {
            return Reading.unavailable("no " + what + ": " + file.getFileName() + " absent (root cgroup or controller not enabled)");
        }
        return KernelFile.parse(file, text -> {
            String value = text.trim();
            if (value.equals("max")) {
                throw new Unavailable("no " + what + " set (" + file.getFileName() + " is max)");
            }
            return Long.parseLong(value);
        });
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
