package dev.saturn.analyzers.use;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Flagged rows in plain words, worst first: "disk vda: 70% busy, queue 1.4 deep: saturated". */
public final class Findings {
    private Findings() {
    }

    public static List<Finding> of(List<ResourceUse> rows) {
        List<Finding> out = new ArrayList<>();
        for (ResourceUse row : rows) {
            Status worst = row.worst();
            if (!worst.flagged()) {
                continue;
            }
            String subject = row.device() == null ? row.resource() : row.resource() + " " + row.device();
            Double cgroupVersion = row.metric("cgroup_version");
            if (cgroupVersion != null) {
                subject += " (v" + cgroupVersion.intValue() + ")";
            }
            out.add(new Finding(worst, row.resource(), row.device(), subject + ": " + facts(row) + ": " + conclusion(row)));
        }
        out.sort(Comparator.comparing((Finding f) -> f.severity() == Status.CRIT ? 0 : 1));
        return List.copyOf(out);
    }

    private static String conclusion(ResourceUse row) {
        List<String> words = new ArrayList<>();
        if (row.utilization().status() == Status.CRIT) {
            words.add("at capacity");
        } else if (row.utilization().status() == Status.WARN) {
            words.add("busy");
        }
        if (row.saturation().status().flagged()) {
            words.add("saturated");
        }
        if (row.errors().status().flagged()) {
            words.add(row.errors().status() == Status.CRIT ? "errors now" : "errors in the past");
        }
        List<String> reasons = new ArrayList<>();
        for (Cell cell : List.of(row.utilization(), row.saturation(), row.errors())) {
            if (cell.status().flagged() && cell.reason() != null) {
                reasons.add(cell.reason());
            }
        }
        return String.join(", ", words) + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
    }

    static String facts(ResourceUse r) {
        List<String> parts = new ArrayList<>();
        switch (r.resource()) {
            case "cpu" -> {
                add(parts, r, "busy_pct", "%.0f%% busy");
                Double max = r.metric("per_cpu_max_busy_pct");
                Double busy = r.metric("busy_pct");
                if (max != null && busy != null && max - busy >= 20) {
                    parts.add(String.format(Locale.ROOT, "one CPU at %.0f%%", max));
                }
                add(parts, r, "psi_some_pct", "PSI some %.1f%%");
                add(parts, r, "runq_avg", "run queue %.1f");
                addIf(parts, r, "iowait_pct", "iowait %.0f%%", 5);
                addIf(parts, r, "steal_pct", "steal %.0f%%", 5);
            }
            case "memory" -> {
                add(parts, r, "used_pct", "%.0f%% used");
                add(parts, r, "psi_some_pct", "PSI some %.1f%%");
                addRate(parts, r, "swap_pages_per_s", "swapping %s pages/s");
                addRate(parts, r, "pgscan_direct_per_s", "direct reclaim %s pages/s");
                addIf(parts, r, "oom_kills", "%.0f OOM kills", 0);
            }
            case "disk", "virtual_disk" -> {
                add(parts, r, "util_pct", "%.0f%% busy");
                add(parts, r, "aqu_sz", "queue %.1f deep");
                Double rkb = r.metric("rkB_per_s");
                Double wkb = r.metric("wkB_per_s");
                if (rkb != null && wkb != null && rkb + wkb > 0) {
                    boolean writes = wkb >= rkb;
                    parts.add(String.format(Locale.ROOT, "%s of %s", megabytes((writes ? wkb : rkb) * 1024), writes ? "writes" : "reads"));
                }
                addAwait(parts, r, "r_await_ms", "r_per_s", "reads");
                addAwait(parts, r, "w_await_ms", "w_per_s", "writes");
            }
            case "network" -> {
                if (r.utilization().value() != null) {
                    parts.add(String.format(Locale.ROOT, "%.0f%% of %.0f Mb/s", r.utilization().value(), r.metric("speed_mbps")));
                }
                Double rx = r.metric("rx_bytes_per_s");
                Double tx = r.metric("tx_bytes_per_s");
                if (rx != null && tx != null) {
                    parts.add(megabytes(rx) + " in, " + megabytes(tx) + " out");
                }
                addRate(parts, r, "drops_per_s", "%s drops/s");
                addRate(parts, r, "errors_per_s", "%s errors/s");
            }
            case "tcp" -> {
                Double retrans = r.metric("retrans_segs_per_s");
                if (retrans != null) {
                    parts.add(Numbers.rate(retrans) + " retransmits/s");
                }
                Double ratio = r.metric("retrans_ratio");
                if (ratio != null) {
                    parts.add(String.format(Locale.ROOT, "%.1f%% of segments", 100 * ratio));
                }
                addIf(parts, r, "listen_overflows", "%.0f listen overflows", 0);
                addIf(parts, r, "in_errors", "%.0f bad segments", 0);
            }
            case "filesystem" -> {
                add(parts, r, "used_pct", "%.0f%% full");
                Double avail = r.metric("avail_bytes");
                if (avail != null) {
                    parts.add(Numbers.bytes(avail) + " free");
                }
            }
            case "file_descriptors" -> {
                add(parts, r, "used_pct", "%.0f%% of file handles in use");
                Double pid = r.metric("process_fd_max_pid");
                Double pct = r.metric("process_fd_max_pct");
                if (pid != null && pct != null) {
                    parts.add(String.format(Locale.ROOT, "process %.0f has %.0f%% of its own open-file limit open", pid, pct));
                }
            }
            case "tasks" -> {
                add(parts, r, "threads", "%.0f threads");
                add(parts, r, "blocked_avg", "%.1f in uninterruptible sleep");
                addRate(parts, r, "forks_per_s", "%s forks/s");
            }
            case "cgroup" -> {
                add(parts, r, "cpu_quota_used_pct", "CPU %.0f%% of quota");
                add(parts, r, "memory_limit_used_pct", "memory %.0f%% of limit");
                add(parts, r, "throttled_pct", "throttled %.0f%% of periods");
                addIf(parts, r, "memory_psi_some_pct", "memory PSI some %.1f%%", 0);
                addIf(parts, r, "memory_high_events", "over memory.high %.0f times", 0);
                addIf(parts, r, "memory_max_events", "at the memory limit %.0f times", 0);
            }
            case "udp" -> {
                addRate(parts, r, "buffer_errors_per_s", "%s datagrams/s dropped for full socket buffers");
                addRate(parts, r, "errors_per_s", "%s errors/s");
                addRate(parts, r, "in_datagrams_per_s", "%s datagrams/s in");
            }
            case "softnet" -> {
                addRate(parts, r, "dropped_per_s", "%s packets/s dropped from full backlogs");
                addRate(parts, r, "time_squeezed_per_s", "%s softirq runs/s out of budget");
            }
            case "io" -> add(parts, r, "psi_some_pct", "tasks stalled on I/O %.1f%% of the time");
            case "interconnect" -> add(parts, r, "ipc", "IPC %.2f");
            default -> {
            }
        }
        return parts.isEmpty() ? "flagged" : String.join(", ", parts);
    }

    private static void add(List<String> parts, ResourceUse r, String metric, String format) {
        Double v = r.metric(metric);
        if (v != null) {
            parts.add(String.format(Locale.ROOT, format, v));
        }
    }

    private static void addIf(List<String> parts, ResourceUse r, String metric, String format, double above) {
        Double v = r.metric(metric);
        if (v != null && v > above) {
            parts.add(String.format(Locale.ROOT, format, v));
        }
    }

    /** The wait of one direction, quoted when requests of that direction completed in the interval. */
    private static void addAwait(List<String> parts, ResourceUse r, String await, String rate, String what) {
        Double ms = r.metric(await);
        Double perSecond = r.metric(rate);
        if (ms != null && perSecond != null && perSecond > 0) {
            parts.add(String.format(Locale.ROOT, "%s wait %.1f ms", what, ms));
        }
    }

    private static void addRate(List<String> parts, ResourceUse r, String metric, String format) {
        Double v = r.metric(metric);
        if (v != null && v > 0) {
            parts.add(String.format(Locale.ROOT, format, Numbers.rate(v)));
        }
    }

    static String megabytes(double bytesPerSecond) {
        if (bytesPerSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB/s", bytesPerSecond / 1e9);
        }
        if (bytesPerSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.0f MB/s", bytesPerSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB/s", bytesPerSecond / 1e3);
    }
}
