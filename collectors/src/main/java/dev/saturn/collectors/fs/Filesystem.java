package dev.saturn.collectors.fs;

import dev.saturn.collectors.Reading;

/** A watched mounted filesystem (disk, network, tmpfs, overlay) and its capacity. */
public record Filesystem(String mountPoint, String source, String fsType, boolean readOnly,
                         boolean remountsReadOnlyOnErrors, Reading<Capacity> capacity, Reading<Long> fsErrors) {
}
