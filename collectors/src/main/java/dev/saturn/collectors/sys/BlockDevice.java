package dev.saturn.collectors.sys;

import dev.saturn.collectors.Reading;

/**
 * A whole block device from /sys/block. Physical devices have a device link; loop, zram, ram, dm
 * and md devices are virtual.
 */
public record BlockDevice(String name, boolean physical, Reading<Boolean> rotational, Reading<Long> ioErrors) {

    public boolean virtual() {
        return !physical;
    }

    /** Devices that serve many requests at once, where 100 % busy is not the limit. */
    public boolean parallel() {
        return name.startsWith("nvme") || name.startsWith("md") || name.startsWith("dm-")
                || (rotational.isAvailable() && !rotational.value());
    }
}
