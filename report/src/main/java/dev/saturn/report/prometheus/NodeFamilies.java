package dev.saturn.report.prometheus;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.fs.Capacity;
import dev.saturn.collectors.fs.Filesystem;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.CpuTimes;
import dev.saturn.collectors.proc.DiskCounters;
import dev.saturn.collectors.proc.KeyValueTable;
import dev.saturn.collectors.proc.NetDevCounters;
import dev.saturn.collectors.proc.Pressure;
import dev.saturn.collectors.proc.SoftnetStat;
import dev.saturn.collectors.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * The kernel's raw counters and gauges of one snapshot (the end of the latest USE interval) under node_exporter's
 * names, labels and units, so that rate() and increase() are exact over any scrape interval and dashboards made
 * for node_exporter work unchanged. Which devices and file systems each family holds follows the defaults of
 * Debian's prometheus-node-exporter (see docs/metrics.md); a source the kernel does not offer leaves its families out.
 */
final class NodeFamilies {
    /** USER_HZ: /proc/stat counts 100 ticks a second on every architecture Linux supports. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final String[] CPU_MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    /** node_exporter's --collector.diskstats.device-exclude default: partitions, RAM disks, loop and floppy devices. */
    static final Pattern DISK_EXCLUDE = Pattern.compile("^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$");
    /** Debian's --collector.filesystem.mount-points-exclude default. */
    static final Pattern MOUNT_POINT_EXCLUDE = Pattern.compile("^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)");
    /** node_exporter's --collector.filesystem.fs-types-exclude default. */
    static final Pattern FS_TYPE_EXCLUDE = Pattern.compile("^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl"
            + "|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$");
    /**
     * The fields of node_exporter's --collector.vmstat.fields default (oom_kill|pgpg|pswp|pg.*fault) and the page scans
     * of saturn's memory row. These and the node_netstat_* counters are untyped, as node_exporter's are: their names
     * have no _total to go with a counter type.
     */
    private static final String[] VMSTAT = {"pgpgin", "pgpgout", "pswpin", "pswpout", "pgfault", "pgmajfault", "pgscan_kswapd",
            "pgscan_direct", "oom_kill"};
    /** The /proc/net/snmp and /proc/net/netstat counters behind saturn's tcp and udp rows, as node_netstat_Proto_Name. */
    private static final String[] NETSTAT = {"Tcp.InSegs", "Tcp.OutSegs", "Tcp.RetransSegs", "Tcp.InErrs", "Tcp.InCsumErrors",
            "Udp.InDatagrams", "Udp.OutDatagrams", "Udp.NoPorts", "Udp.InErrors", "Udp.RcvbufErrors", "Udp.SndbufErrors",
            "Udp.InCsumErrors"};
    private static final String[] NETSTAT_EXT = {"TcpExt.ListenDrops", "TcpExt.ListenOverflows"};

    /** A family's name and help, made once rather than at every page. */
    private record Named(String name, String help) {
    }

    private static final Named[] VMSTAT_FAMILIES = named(VMSTAT, "node_vmstat_", "/proc/vmstat information field ");
    private static final Named[] NETSTAT_FAMILIES = named(NETSTAT, "node_netstat_", "Statistic ");
    private static final Named[] NETSTAT_EXT_FAMILIES = named(NETSTAT_EXT, "node_netstat_", "Statistic ");
    /** By /proc/meminfo field: the same fifty every page. */
    private static final Map<String, Named> MEMINFO = new ConcurrentHashMap<>();

    private static Named[] named(String[] fields, String prefix, String help) {
        Named[] out = new Named[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = new Named(prefix + fields[i].replace('.', '_'), help + fields[i].replace(".", "") + ".");
        }
        return out;
    }

    private NodeFamilies() {
    }

    static void write(PrometheusText t, Snapshot s) {
        cpu(t, s.cpu());
        if (s.loadAvg().isAvailable()) {
            t.family("node_load1", "1m load average.", "gauge").sample(s.loadAvg().value().load1());
            t.family("node_load5", "5m load average.", "gauge").sample(s.loadAvg().value().load5());
            t.family("node_load15", "15m load average.", "gauge").sample(s.loadAvg().value().load15());
        }
        meminfo(t, s.meminfo());
        vmstat(t, s.vmstat());
        pressure(t, "cpu", s.psiCpu());
        pressure(t, "memory", s.psiMemory());
        pressure(t, "io", s.psiIo());
        if (s.diskstats().isAvailable()) {
            disks(t, s.diskstats().value().devices());
        }
        if (s.netDev().isAvailable()) {
            network(t, s.netDev().value());
        }
        netstat(t, s.snmp(), NETSTAT, NETSTAT_FAMILIES);
        netstat(t, s.netstat(), NETSTAT_EXT, NETSTAT_EXT_FAMILIES);
        softnet(t, s.softnet());
        if (s.fileNr().isAvailable()) {
            t.family("node_filefd_allocated", "File descriptor statistics: allocated.", "gauge").sample(s.fileNr().value().allocated());
            t.family("node_filefd_maximum", "File descriptor statistics: maximum.", "gauge").sample(s.fileNr().value().max());
        }
        if (s.filesystems().isAvailable()) {
            filesystems(t, s.filesystems().value());
        }
    }

    private static void cpu(PrometheusText t, Reading<CpuStat> reading) {
        if (!reading.isAvailable()) {
            return;
        }
        CpuStat stat = reading.value();
        t.family("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", "counter");
        for (CpuStat.CpuLine line : stat.cpus()) {
            String cpu = Integer.toString(line.cpu());
            CpuTimes c = line.times();
            long[] ticks = {c.idle(), c.iowait(), c.irq(), c.nice(), c.softirq(), c.steal(), c.system(), c.user()};
            for (int i = 0; i < CPU_MODES.length; i++) {
                t.sample("cpu", cpu, "mode", CPU_MODES[i], ticks[i] / TICKS_PER_SECOND);
            }
        }
        t.family("node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.", "counter");
        for (CpuStat.CpuLine line : stat.cpus()) {
            String cpu = Integer.toString(line.cpu());
            t.sample("cpu", cpu, "mode", "nice", line.times().guestNice() / TICKS_PER_SECOND);
            t.sample("cpu", cpu, "mode", "user", line.times().guest() / TICKS_PER_SECOND);
        }
        if (stat.contextSwitches() != null) {
            t.family("node_context_switches_total", "Total number of context switches.", "counter").sample(stat.contextSwitches());
        }
        if (stat.forks() != null) {
            t.family("node_forks_total", "Total number of forks.", "counter").sample(stat.forks());
        }
        if (stat.procsRunning() != null) {
            t.family("node_procs_running", "Number of processes in runnable state.", "gauge").sample(stat.procsRunning());
        }
        if (stat.procsBlocked() != null) {
            t.family("node_procs_blocked", "Number of processes blocked waiting for I/O to complete.", "gauge").sample(stat.procsBlocked());
        }
    }

    private static void meminfo(PrometheusText t, Reading<KeyValueTable> reading) {
        if (!reading.isAvailable()) {
            return;
        }
        reading.value().forEach((name, value, kB) -> {
            Named family = MEMINFO.computeIfAbsent(name, field -> new Named(
                    "node_memory_" + MetricName.sanitizeField(field) + (kB ? "_bytes" : ""), "Memory information field " + field + "."));
            t.family(family.name, family.help, "gauge").sample(kB ? value * 1024.0 : value);
        });
    }

    private static void vmstat(PrometheusText t, Reading<KeyValueTable> reading) {
        if (!reading.isAvailable()) {
            return;
        }
        KeyValueTable table = reading.value();
        for (int i = 0; i < VMSTAT.length; i++) {
            if (table.has(VMSTAT[i])) {
                t.family(VMSTAT_FAMILIES[i].name, VMSTAT_FAMILIES[i].help, "untyped").sample(table.get(VMSTAT[i]));
            }
        }
    }

    private static void pressure(PrometheusText t, String resource, Reading<Pressure> reading) {
        if (!reading.isAvailable()) {
            return;
        }
        Pressure p = reading.value();
        t.family("node_pressure_" + resource + "_waiting_seconds_total",
                "Total time in seconds that processes have waited for " + resource + " (PSI some).", "counter")
                .sample(p.someTotalUs() / 1e6);
        if (p.fullTotalUs() != null) {
            t.family("node_pressure_" + resource + "_stalled_seconds_total",
                    "Total time in seconds no process could make progress for lack of " + resource + " (PSI full).", "counter")
                    .sample(p.fullTotalUs() / 1e6);
        }
    }

    /** {@code divisor} 1000 for milliseconds: a division gives 345.581 where a product with 0.001 gives 345.58100000000002. */
    private record DiskFamily(String name, String help, String type, double multiplier, double divisor, ToLongFunction<DiskCounters> field) {
    }

    private static final List<DiskFamily> DISK = List.of(
            new DiskFamily("node_disk_reads_completed_total", "The total number of reads completed successfully.", "counter", 1, 1, DiskCounters::reads),
            new DiskFamily("node_disk_reads_merged_total", "The total number of reads merged.", "counter", 1, 1, DiskCounters::readsMerged),
            new DiskFamily("node_disk_read_bytes_total", "The total number of bytes read successfully.", "counter", 512, 1, DiskCounters::sectorsRead),
            new DiskFamily("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.", "counter", 1, 1000, DiskCounters::msReading),
            new DiskFamily("node_disk_writes_completed_total", "The total number of writes completed successfully.", "counter", 1, 1, DiskCounters::writes),
            new DiskFamily("node_disk_writes_merged_total", "The number of writes merged.", "counter", 1, 1, DiskCounters::writesMerged),
            new DiskFamily("node_disk_written_bytes_total", "The total number of bytes written successfully.", "counter", 512, 1, DiskCounters::sectorsWritten),
            new DiskFamily("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.", "counter", 1, 1000, DiskCounters::msWriting),
            new DiskFamily("node_disk_io_now", "The number of I/Os currently in progress.", "gauge", 1, 1, DiskCounters::inFlight),
            new DiskFamily("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", "counter", 1, 1000, DiskCounters::ioTicksMs),
            new DiskFamily("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.", "counter", 1, 1000, DiskCounters::weightedMs));

    private static void disks(PrometheusText t, Map<String, Reading<DiskCounters>> devices) {
        for (DiskFamily f : DISK) {
            t.family(f.name, f.help, f.type);
            for (Map.Entry<String, Reading<DiskCounters>> d : devices.entrySet()) {
                if (d.getValue().isAvailable() && !DISK_EXCLUDE.matcher(d.getKey()).matches()) {
                    t.sample("device", d.getKey(), f.field.applyAsLong(d.getValue().value()) * f.multiplier / f.divisor);
                }
            }
        }
    }

    private record NetFamily(String name, String help, ToLongFunction<NetDevCounters> field) {
    }

    private static final List<NetFamily> NET = List.of(
            new NetFamily("node_network_receive_bytes_total", "Network device statistic receive_bytes.", NetDevCounters::rxBytes),
            new NetFamily("node_network_receive_packets_total", "Network device statistic receive_packets.", NetDevCounters::rxPackets),
            new NetFamily("node_network_receive_errs_total", "Network device statistic receive_errs.", NetDevCounters::rxErrs),
            new NetFamily("node_network_receive_drop_total", "Network device statistic receive_drop.", NetDevCounters::rxDrop),
            new NetFamily("node_network_receive_fifo_total", "Network device statistic receive_fifo.", NetDevCounters::rxFifo),
            new NetFamily("node_network_receive_frame_total", "Network device statistic receive_frame.", NetDevCounters::rxFrame),
            new NetFamily("node_network_transmit_bytes_total", "Network device statistic transmit_bytes.", NetDevCounters::txBytes),
            new NetFamily("node_network_transmit_packets_total", "Network device statistic transmit_packets.", NetDevCounters::txPackets),
            new NetFamily("node_network_transmit_errs_total", "Network device statistic transmit_errs.", NetDevCounters::txErrs),
            new NetFamily("node_network_transmit_drop_total", "Network device statistic transmit_drop.", NetDevCounters::txDrop),
            new NetFamily("node_network_transmit_fifo_total", "Network device statistic transmit_fifo.", NetDevCounters::txFifo),
            new NetFamily("node_network_transmit_colls_total", "Network device statistic transmit_colls.", NetDevCounters::txColls),
            new NetFamily("node_network_transmit_carrier_total", "Network device statistic transmit_carrier.", NetDevCounters::txCarrier));

    /** Every interface of /proc/net/dev, lo included (upstream's default; Debian's package leaves lo out). */
    private static void network(PrometheusText t, Map<String, Reading<NetDevCounters>> interfaces) {
        for (NetFamily f : NET) {
            t.family(f.name, f.help, "counter");
            for (Map.Entry<String, Reading<NetDevCounters>> i : interfaces.entrySet()) {
                if (i.getValue().isAvailable()) {
                    t.sample("device", i.getKey(), f.field.applyAsLong(i.getValue().value()));
                }
            }
        }
    }

    private static void netstat(PrometheusText t, Reading<KeyValueTable> reading, String[] names, Named[] families) {
        if (!reading.isAvailable()) {
            return;
        }
        KeyValueTable table = reading.value();
        for (int i = 0; i < names.length; i++) {
            if (table.has(names[i])) {
                t.family(families[i].name, families[i].help, "untyped").sample(table.get(names[i]));
            }
        }
    }

    private static void softnet(PrometheusText t, Reading<SoftnetStat> reading) {
        if (!reading.isAvailable()) {
            return;
        }
        List<SoftnetStat.Cpu> cpus = reading.value().cpus();
        t.family("node_softnet_processed_total", "Number of processed packets.", "counter");
        for (SoftnetStat.Cpu c : cpus) {
            t.sample("cpu", Integer.toString(c.cpu()), c.processed());
        }
        t.family("node_softnet_dropped_total", "Number of dropped packets.", "counter");
        for (SoftnetStat.Cpu c : cpus) {
            t.sample("cpu", Integer.toString(c.cpu()), c.dropped());
        }
        t.family("node_softnet_times_squeezed_total", "Number of times processing packets ran out of quota.", "counter");
        for (SoftnetStat.Cpu c : cpus) {
            t.sample("cpu", Integer.toString(c.cpu()), c.timeSqueezed());
        }
    }

    private static void filesystems(PrometheusText t, List<Filesystem> all) {
        List<Filesystem> shown = all.stream().filter(NodeFamilies::exported).toList();
        fsFamily(t, "node_filesystem_size_bytes", "Filesystem size in bytes.", shown, fs -> fs.capacity().value().totalBytes());
        fsFamily(t, "node_filesystem_free_bytes", "Filesystem free space in bytes.", shown, fs -> fs.capacity().value().freeBytes());
        fsFamily(t, "node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", shown,
                fs -> fs.capacity().value().availableBytes());
        fsFamily(t, "node_filesystem_files", "Filesystem total file nodes.", shown, fs -> fs.capacity().value().files());
        fsFamily(t, "node_filesystem_files_free", "Filesystem total free file nodes.", shown, fs -> fs.capacity().value().filesFree());
        fsFamily(t, "node_filesystem_readonly", "Filesystem read-only status.", shown, fs -> fs.readOnly() ? 1 : 0);
    }

    /** One gauge family over the exported file systems; a file system whose figure is null (no inode count) has no series. */
    private static void fsFamily(PrometheusText t, String name, String help, List<Filesystem> shown, Function<Filesystem, Number> figure) {
        t.family(name, help, "gauge");
        for (Filesystem fs : shown) {
            Number value = figure.apply(fs);
            if (value != null) {
                t.sample("device", fs.source(), "fstype", fs.fsType(), "mountpoint", fs.mountPoint(), value.doubleValue());
            }
        }
    }

    static boolean exported(Filesystem fs) {
        Reading<Capacity> capacity = fs.capacity();
        return capacity.isAvailable() && !MOUNT_POINT_EXCLUDE.matcher(fs.mountPoint()).find()
                && !FS_TYPE_EXCLUDE.matcher(fs.fsType()).matches();
    }
}
