package dev.saturn.collectors.snapshot;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFiles;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.fs.FilesystemReader;
import dev.saturn.collectors.perf.PmuCounts;
import dev.saturn.collectors.proc.CpuStatReader;
import dev.saturn.collectors.proc.Snmp6Reader;
import dev.saturn.collectors.proc.SoftnetStatReader;
import dev.saturn.collectors.proc.DiskStatsReader;
import dev.saturn.collectors.proc.HostInfo;
import dev.saturn.collectors.proc.HostInfoReader;
import dev.saturn.collectors.proc.InterruptsReader;
import dev.saturn.collectors.proc.FileNrReader;
import dev.saturn.collectors.proc.PidMaxReader;
import dev.saturn.collectors.proc.ThreadsMaxReader;
import dev.saturn.collectors.proc.MeminfoReader;
import dev.saturn.collectors.proc.VmstatReader;
import dev.saturn.collectors.proc.LoadAvgReader;
import dev.saturn.collectors.proc.Mount;
import dev.saturn.collectors.proc.MountInfoReader;
import dev.saturn.collectors.proc.NetDevReader;
import dev.saturn.collectors.proc.PressureReader;
import dev.saturn.collectors.proc.ProcessTableReader;
import dev.saturn.collectors.proc.SnmpReader;
import dev.saturn.collectors.proc.NetstatReader;
import dev.saturn.collectors.proc.SchedStatReader;
import dev.saturn.collectors.sys.BlockDeviceReader;
import dev.saturn.collectors.sys.CgroupReader;
import dev.saturn.collectors.sys.NetInterfaceReader;
import dev.saturn.collectors.fs.Filesystem;
import dev.saturn.collectors.sys.CgroupStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads a whole {@link Snapshot} from a live host or from a snapshot directory. A live reader keeps the
 * host's system-wide /proc and /sys files open between snapshots in a table of its own ({@link
 * KernelFiles#keptOpen()}), which {@link #close()} closes.
 */
public final class SnapshotReader implements AutoCloseable {
    private final KernelFiles files;
    private final HostPaths paths;
    private final boolean withProcesses;
    private final long slowEveryNanos;
    private final String cgroup;
    private final ProcessTableReader processTable;
    private HostInfo host;
    private Slow slow;

    /**
     * What changes on a scale of minutes or seldom: the mount table and each file system's space and
     * inodes, where this process's cgroup is, the machine-check count, the kernel's pid and thread
     * limits. Together they were a third of an agent's sample (mountinfo, a statvfs per mount,
     * /proc/interrupts), so a continuous sampler reads them every {@code slowEvery} instead of every time.
     */
    private record Slow(long readAtNanos, Reading<List<Mount>> mounts, Reading<List<Filesystem>> filesystems,
                        Reading<CgroupReader.CgroupFiles> cgroupFiles, Reading<Long> machineChecks,
                        Reading<Long> pidMax, Reading<Long> threadsMax) {
    }

    public SnapshotReader(HostPaths paths, boolean withProcesses) {
        this(paths, withProcesses, Duration.ZERO);
    }

    /** {@code slowEvery}: how long a live reader keeps its slow-changing readings (zero: read everything every time). */
    public SnapshotReader(HostPaths paths, boolean withProcesses, Duration slowEvery) {
        this(paths, withProcesses, slowEvery, null);
    }

    /** {@code cgroup}: the group whose usage and limits are read (as /proc/PID/cgroup names it); null for this process's own. */
    public SnapshotReader(HostPaths paths, boolean withProcesses, Duration slowEvery, String cgroup) {
        this.files = paths.live() ? KernelFiles.keptOpen() : KernelFiles.anew();
        this.paths = paths.readingWith(files);
        this.withProcesses = withProcesses;
        this.slowEveryNanos = paths.live() ? slowEvery.toNanos() : 0;
        this.cgroup = cgroup;
        this.processTable = withProcesses ? new ProcessTableReader(this.paths, Duration.ofNanos(slowEveryNanos)) : null;
    }

    /** Where it reads, through its own files. */
    public HostPaths paths() {
        return paths;
    }

    /** A snapshot of a live tree; the timestamp is taken before the reads, as in a captured tree. */
    public Snapshot live(Reading<PmuCounts> pmu) {
        double epoch = System.currentTimeMillis() / 1000.0;
        long mono = System.nanoTime();
        return read(epoch, mono, pmu);
    }

    /** Reads a snapshot directory written by `saturn snapshot` or capture-procfs.sh. */
    public static Snapshot tree(Path dir) throws SnapshotException {
        if (!Files.isDirectory(dir)) {
            throw new SnapshotException("snapshot directory " + dir + " does not exist or is not a directory");
        }
        Path stamp = dir.resolve("TIMESTAMP");
        Reading<Double> epoch = KernelFiles.anew().parse(stamp, text -> Double.parseDouble(text.trim()));
        if (!epoch.isAvailable()) {
            throw new SnapshotException(dir + " is not a snapshot tree: " + epoch.reason()
                    + " (write one with `saturn snapshot DIR`)");
        }
        if (!Files.isDirectory(dir.resolve("proc"))) {
            throw new SnapshotException(dir + " is not a snapshot tree: it has no proc/ directory");
        }
        try (SnapshotReader reader = new SnapshotReader(HostPaths.snapshotTree(dir), true)) {
            return reader.read(epoch.value(), null, Reading.unavailable("a snapshot tree holds no PMU counts"));
        }
    }

    /**
     * Reads every file once and throws the result away. The first read in a fresh JVM is several
     * times slower (class loading, interpreter), which would put the first snapshot's counters tens
     * of milliseconds after its timestamp and make the first interval's rates a few percent low.
     */
    public void warmUp() {
        read(0, null, Reading.unavailable("warm-up"), false);
    }

    private Snapshot read(double epoch, Long mono, Reading<PmuCounts> pmu) {
        return read(epoch, mono, pmu, withProcesses);
    }

    private Snapshot read(double epoch, Long mono, Reading<PmuCounts> pmu, boolean processes) {
        // Counters first, right after the timestamp; slower, slow-changing reads after them.
        var cpu = CpuStatReader.read(paths);
        var meminfo = MeminfoReader.read(paths);
        var vmstat = VmstatReader.read(paths);
        var diskstats = DiskStatsReader.read(paths);
        var netDev = NetDevReader.read(paths);
        var snmp = SnmpReader.read(paths);
        var netstat = NetstatReader.read(paths);
        var snmp6 = Snmp6Reader.read(paths);
        var softnet = SoftnetStatReader.read(paths);
        var psiCpu = PressureReader.system(paths, "cpu");
        var psiMemory = PressureReader.system(paths, "memory");
        var psiIo = PressureReader.system(paths, "io");
        var loadAvg = LoadAvgReader.read(paths);
        var schedStat = SchedStatReader.read(paths);
        Slow s = slow();
        var cgroup = s.cgroupFiles().isAvailable() ? Reading.of(CgroupReader.read(paths, s.cgroupFiles().value()))
                : Reading.<CgroupStats>unavailable(s.cgroupFiles().reason());
        if (host == null) {
            host = HostInfoReader.read(paths);
        }
        return new Snapshot(epoch, mono, host, cpu, meminfo, vmstat, diskstats, BlockDeviceReader.read(paths),
                netDev, NetInterfaceReader.read(paths), snmp, netstat, snmp6, softnet, psiCpu, psiMemory, psiIo,
                FileNrReader.read(paths), loadAvg, s.pidMax(), s.threadsMax(),
                s.machineChecks(), schedStat, s.filesystems(), cgroup,
                processes ? processTable.read() : Reading.unavailable("process table not sampled"),
                pmu);
    }

    private Slow slow() {
        long now = System.nanoTime();
        if (slow != null && slowEveryNanos > 0 && now - slow.readAtNanos() < slowEveryNanos) {
            return slow;
        }
        var machineChecks = InterruptsReader.machineChecks(paths);
        Reading<List<Mount>> mounts = MountInfoReader.read(paths);
        slow = new Slow(now, mounts, FilesystemReader.read(paths, MountInfoReader.filesystemTable(paths, mounts)), CgroupReader.locate(paths, cgroup, mounts),
                machineChecks, PidMaxReader.read(paths), ThreadsMaxReader.read(paths));
        return slow;
    }

    /** Closes the files it kept open. */
    @Override
    public void close() {
        files.close();
        if (processTable != null) {
            processTable.close();
        }
    }
}
