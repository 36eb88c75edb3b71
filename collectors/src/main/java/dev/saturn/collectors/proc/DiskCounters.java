package dev.saturn.collectors.proc;

/**
 * One device line of /proc/diskstats (fields 4 to 14; discard and flush fields, where the kernel
 * has them, are not needed for USE). Times are milliseconds, sectors are 512 bytes.
 */
public record DiskCounters(long reads, long readsMerged, long sectorsRead, long msReading,
                           long writes, long writesMerged, long sectorsWritten, long msWriting,
                           long inFlight, long ioTicksMs, long weightedMs, int fieldCount) {
}
