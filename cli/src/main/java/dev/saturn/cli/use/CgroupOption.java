package dev.saturn.cli.use;

import dev.saturn.cli.UserException;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.sys.CgroupReader;

/** --cgroup PATH of `saturn use` and `saturn agent`: checked before sampling, so a typo is one line, not an empty row. */
public final class CgroupOption {
    public static final String DESCRIPTION = "Report this cgroup's CPU, memory and pids against its limits instead of saturn's own,"
            + " named as in /proc/PID/cgroup: /system.slice/nginx.service, / for the root.";

    private CgroupOption() {
    }

    /** {@code cgroup} unchanged when it names a group that exists (null: saturn's own); otherwise why not. */
    public static String check(HostPaths paths, String cgroup) {
        if (cgroup == null) {
            return null;
        }
        Reading<CgroupReader.CgroupFiles> files;
        try {
            files = CgroupReader.locate(paths, cgroup);
        } catch (IllegalArgumentException e) {
            throw new UserException("--cgroup " + cgroup + ": " + e.getMessage());
        }
        if (!files.isAvailable()) {
            throw new UserException("--cgroup " + cgroup + ": " + files.reason()
                    + " (name it as /proc/PID/cgroup shows it, e.g. /system.slice/nginx.service)");
        }
        return cgroup;
    }
}
