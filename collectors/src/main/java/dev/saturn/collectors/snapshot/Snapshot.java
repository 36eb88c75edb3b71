package dev.saturn.collectors.snapshot;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.fs.Filesystem;
import dev.saturn.collectors.perf.PmuCounts;
import dev.saturn.collectors.proc.CpuStat;
import dev.saturn.collectors.proc.DiskStats;
import dev.saturn.collectors.proc.FileNr;
import dev.saturn.collectors.proc.HostInfo;
import dev.saturn.collectors.proc.KeyValueTable;
import dev.saturn.collectors.proc.LoadAvg;
import dev.saturn.collectors.proc.NetDevCounters;
import dev.saturn.collectors.proc.Pressure;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.SchedStat;
import dev.saturn.collectors.proc.SoftnetStat;
import dev.saturn.collectors.sys.BlockDevice;
import dev.saturn.collectors.sys.CgroupStats;
import dev.saturn.collectors.sys.NetInterface;
import java.util.List;
import java.util.Map;

/**
 * Everything saturn reads from one host at one moment. {@code monotonicNanos} is set for live
 * reads, so that an interval survives the wall clock jumping; trees carry only TIMESTAMP.
 */
public record Snapshot(double epochSeconds, Long monotonicNanos, HostInfo host,
                       Reading<CpuStat> cpu, Reading<KeyValueTable> meminfo, Reading<KeyValueTable> vmstat,
                       Reading<DiskStats> diskstats, Reading<Map<String, BlockDevice>> blockDevices,
                       Reading<Map<String, Reading<NetDevCounters>>> netDev,
                       Reading<Map<String, NetInterface>> netInterfaces,
                       Reading<KeyValueTable> snmp, Reading<KeyValueTable> netstat,
                       Reading<KeyValueTable> snmp6, Reading<SoftnetStat> softnet,
                       Reading<Pressure> psiCpu, Reading<Pressure> psiMemory, Reading<Pressure> psiIo,
                       Reading<FileNr> fileNr, Reading<LoadAvg> loadAvg, Reading<Long> pidMax,
                       Reading<Long> threadsMax, Reading<Long> machineChecks, Reading<SchedStat> schedStat,
                       Reading<List<Filesystem>> filesystems, Reading<CgroupStats> cgroup,
                       Reading<ProcessTable> processes, Reading<PmuCounts> pmu) {

    /** Seconds from this snapshot to a later one: monotonic where both have it. */
    public double secondsUntil(Snapshot later) {
        if (monotonicNanos != null && later.monotonicNanos != null) {
            return (later.monotonicNanos - monotonicNanos) / 1e9;
        }
        return later.epochSeconds - epochSeconds;
    }
}
