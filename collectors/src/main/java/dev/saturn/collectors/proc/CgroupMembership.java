package dev.saturn.collectors.proc;

import java.util.List;

/** One line of /proc/self/cgroup: hierarchy id, controllers (empty for v2), path in that hierarchy. */
public record CgroupMembership(int hierarchy, List<String> controllers, String path) {
    public CgroupMembership {
        controllers = List.copyOf(controllers);
    }

    public CgroupMembership withPath(String other) {
        return new CgroupMembership(hierarchy, controllers, other);
    }

    public boolean unified() {
        return hierarchy == 0 && controllers.isEmpty();
    }
}
