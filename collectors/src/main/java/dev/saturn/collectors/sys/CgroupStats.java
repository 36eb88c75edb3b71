package dev.saturn.collectors.sys;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.Pressure;

/**
 * The counters and limits of one cgroup, v1 or v2, in v2's units: CPU in microseconds, memory in
 * bytes. A limit that is not set is unavailable with that reason. {@code memoryInactiveFile} is the
 * page cache the kernel would reclaim first (memory.stat inactive_file, v1 total_inactive_file);
 * {@code memoryHighEvents} and {@code memoryMaxEvents} count reclaim forced by memory.high and by the
 * limit (v2 memory.events high and max, v1 memory.failcnt).
 */
public record CgroupStats(String version, String path,
                          Reading<Long> cpuUsageUs, Reading<Double> cpuQuotaCores,
                          Reading<Long> nrPeriods, Reading<Long> nrThrottled,
                          Reading<Long> memoryCurrent, Reading<Long> memoryMax, Reading<Pressure> memoryPressure,
                          Reading<Long> memoryInactiveFile, Reading<Long> memoryHighEvents, Reading<Long> memoryMaxEvents,
                          Reading<Long> oomKills, Reading<Long> pidsCurrent, Reading<Long> pidsMax,
                          Reading<Long> pidsLimitHits) {
}
