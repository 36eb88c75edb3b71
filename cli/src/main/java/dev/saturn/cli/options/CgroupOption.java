package dev.saturn.cli.options;

import dev.saturn.cli.common.UserException;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.sys.CgroupReader;
import picocli.CommandLine.Option;

/** --cgroup PATH of `saturn use` and `saturn agent`: checked before sampling, so a typo is one line, not an empty row. */
public final class CgroupOption {
    @Option(names = "--cgroup", paramLabel = "PATH",
            description = "Report this cgroup's CPU, memory and pids against its limits instead of saturn's own,"
                + " named as in /proc/PID/cgroup: /system.slice/nginx.service, / for the root.")
    String cgroup;

    public boolean given() {
        return cgroup != null;
    }

    /** The group given when it exists (null: saturn's own); otherwise why not. */
    public String check(HostPaths paths) {
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
