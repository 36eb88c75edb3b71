package dev.saturn.collectors.sys;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.Pressure;

/**
 * The counters and limits of one cgroup, v1 or v2, in v2's units: CPU in microseconds, memory in
 * bytes. A limit that is not set is unavailable with that reason.
 */
public record CgroupStats(String version, String path,
                          Reading<Long> cpuUsageUs, Reading<Double> cpuQuotaCores,
                          Reading<Long> nrPeriods, Reading<Long> nrThrottled,
                          Reading<Long> memoryCurrent, Reading<Long> memoryMax, Reading<Pressure> memoryPressure,
                          Reading<Long> oomKills, Reading<Long> pidsCurrent, Reading<Long> pidsMax,
                          Reading<Long> pidsLimitHits) {
}
