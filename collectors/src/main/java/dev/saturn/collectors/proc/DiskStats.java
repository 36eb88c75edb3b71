package dev.saturn.collectors.proc;

import dev.saturn.collectors.Reading;
import java.util.Collections;
import java.util.Map;

/** /proc/diskstats by device name; a garbled line spoils only its own device. */
public record DiskStats(Map<String, Reading<DiskCounters>> devices) {
    public DiskStats {
        devices = Collections.unmodifiableMap(devices);
    }

}
