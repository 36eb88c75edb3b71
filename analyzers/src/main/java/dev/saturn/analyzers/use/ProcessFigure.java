package dev.saturn.analyzers.use;

/**
 * One process's figure for one metric of a resource: {@code value} in its ranking's unit, and {@code limit} the
 * process's own limit where the figure has one (open fds against its RLIMIT_NOFILE), else null.
 */
public record ProcessFigure(int pid, String comm, String cgroup, double value, Double limit) {
    /** The share of its own limit used, in percent; null without a limit. */
    public Double limitUsedPct() {
        return limit == null || limit <= 0 ? null : 100.0 * value / limit;
    }
}
