package dev.saturn.report.text;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.Finding;
import dev.saturn.analyzers.use.Numbers;
import dev.saturn.analyzers.use.ProcessCpu;
import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The USE table for a person: one row per resource with the processes behind it under it, footnotes for what is unavailable, findings, top processes. */
public final class TextReportWriter implements ReportWriter<UseReport> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** The device column's least width, and the table's width with it (an 80-column terminal wraps the errors). */
    private static final int DEVICE_WIDTH = 16;
    private static final int TABLE_WIDTH = 110;
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("busy_pct", "busy"), Map.entry("used_pct", "used"), Map.entry("util_pct", "util"),
            Map.entry("psi_some_pct", "psi"), Map.entry("runq_excess", "runq over"), Map.entry("swap_pages_per_s", "swap"),
            Map.entry("aqu_sz", "aqu-sz"), Map.entry("drops_per_s", "drops"), Map.entry("errors_per_s", "errors"),
            Map.entry("retrans_segs_per_s", "retrans"), Map.entry("in_errors", "bad segs"),
            Map.entry("machine_checks", "mce"), Map.entry("oom_kills", "oom kills"), Map.entry("io_errors", "io errors"),
            Map.entry("fs_errors", "fs errors"), Map.entry("blocked_avg", "blocked"), Map.entry("pids_limit_hits", "fork fails"),
            Map.entry("limit_used_pct", "of limit"), Map.entry("throttled_pct", "throttled"), Map.entry("ipc", "IPC"),
            Map.entry("memory_psi_some_pct", "mem psi"), Map.entry("memory_limit_events", "limit hits"),
            Map.entry("buffer_errors_per_s", "buf drops"), Map.entry("dropped_per_s", "drops"),
            Map.entry("time_squeezed_per_s", "squeezed"), Map.entry("process_fd_max_pct", "proc max"));

    private final boolean colour;
    private final int columns;

    /** For a file or a pipe: the device column as on an 80-column terminal, the same in every report. */
    public TextReportWriter(boolean colour) {
        this(colour, 0);
    }

    /**
     * For a terminal {@code columns} wide: the device column as wide as the longest name where the terminal has room,
     * else names cut to what tells them apart ({@link DeviceNames#fit}); 0: not a terminal, the narrowest column.
     */
    public TextReportWriter(boolean colour, int columns) {
        this.colour = colour;
        this.columns = columns;
    }

    @Override
    public String contentType() {
        return TEXT;
    }

    @Override
    public void write(Writer to, UseReport r) {
        PrintWriter out = ReportWriter.lines(to);
        out.println(bold(String.format(Locale.ROOT, "saturn use: %s, Linux %s, %s x %d, %s memory, %s, over %.2f s",
                r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes() == null ? "unknown" : gib(r.memoryBytes()),
                TIME.format(r.timestamp()), r.intervalSeconds())));
        out.println();
        int longest = 0;
        for (ResourceUse row : r.resources()) {
            longest = Math.max(longest, row.device() == null ? 0 : printable(row.device()).length());
        }
        int deviceWidth = columns <= 0 ? DEVICE_WIDTH : Math.max(DEVICE_WIDTH, Math.min(longest, DEVICE_WIDTH + columns - TABLE_WIDTH));
        out.println(bold(String.format(Locale.ROOT, "%-17s %-" + deviceWidth + "s %-24s %-24s %s",
                "RESOURCE", "DEVICE", "UTILIZATION", "SATURATION", "ERRORS")));
        List<String> notes = new ArrayList<>();
        for (ResourceUse row : r.resources()) {
            out.println(String.format(Locale.ROOT, "%-17s %-" + deviceWidth + "s ", row.resource(), device(row.device(), deviceWidth))
                    + cell(row.utilization(), notes, true) + " " + cell(row.saturation(), notes, true) + " "
                    + cell(row.errors(), notes, false));
            for (ProcessRanking ranking : r.processesFor(row.resource())) {
                String line = ProcessLines.line(ranking, notes);
                if (line != null) {
                    out.println(dim(line));
                }
            }
        }
        if (!notes.isEmpty()) {
            out.println();
            for (int i = 0; i < notes.size(); i++) {
                out.println(dim(String.format(Locale.ROOT, "[%d] %s", i + 1, notes.get(i))));
            }
        }
        out.println();
        if (r.findings().isEmpty()) {
            out.println(paint("No findings:", "32") + " every measured cell is within its thresholds.");
        } else {
            out.println(bold("Findings, worst first:"));
            for (Finding f : r.findings()) {
                out.println("  " + status(f.severity(), 4) + "  " + f.text());
            }
        }
        out.println();
        if (r.topProcesses().isEmpty()) {
            out.println(dim("Top processes: " + (r.topProcessesReason() == null ? "none used CPU in the interval" : r.topProcessesReason())));
        } else {
            out.println(bold(String.format(Locale.ROOT, "Top processes by CPU over %.2f s:", r.intervalSeconds())));
            out.println(dim(String.format(Locale.ROOT, "  %8s %7s %s  %s", "PID", "CPU%", "S", "COMMAND")));
            for (ProcessCpu p : r.topProcesses()) {
                out.println(String.format(Locale.ROOT, "  %8d %7.1f %s  %s", p.pid(), p.cpuPct(), p.state(), printable(p.command())));
            }
        }
        out.flush();
    }

    private String cell(Cell c, List<String> notes, boolean pad) {
        String text;
        if (c.value() == null) {
            if (!c.metric().equals("none")) {
                int index = notes.indexOf(c.reason());
                if (index < 0) {
                    notes.add(c.reason());
                    index = notes.size() - 1;
                }
                text = dim(padded("n/a [" + (index + 1) + "]", 24, pad));
            } else {
                text = padded("-", 24, pad);
            }
            return text;
        }
        String value = String.format(Locale.ROOT, "%s %s", number(c), label(c.metric()));
        return padded(value, 19, true) + status(c.status(), pad ? 4 : 0);
    }

    /** An error counter's total (since boot, or the group's creation) reads "39 oom kills total". */
    static String label(String metric) {
        String cumulative = "_cumulative";
        if (metric.endsWith(cumulative)) {
            return label(metric.substring(0, metric.length() - cumulative.length())) + " total";
        }
        return LABELS.getOrDefault(metric, metric);
    }

    static String number(Cell c) {
        double v = c.value();
        String unit = c.unit() == null ? "" : c.unit();
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.1f%%", v);
            case "per_second", "pages_per_second" -> Numbers.rate(v) + "/s";
            case "requests", "instructions_per_cycle" -> String.format(Locale.ROOT, "%.2f", v);
            case "tasks" -> String.format(Locale.ROOT, "%.1f", v);
            default -> v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
        };
    }

    private String status(Status s, int width) {
        String word = s == Status.UNAVAILABLE ? "n/a" : s.label();
        String padded = width > 0 ? String.format(Locale.ROOT, "%-" + width + "s", word) : word;
        return switch (s) {
            case OK -> paint(padded, "32");
            case WARN -> paint(padded, "1;33");
            case CRIT -> paint(padded, "1;31");
            case UNAVAILABLE -> dim(padded);
        };
    }

    private static String padded(String s, int width, boolean pad) {
        return pad ? String.format(Locale.ROOT, "%-" + width + "s", s) : s;
    }

    private static String device(String device, int width) {
        return device == null ? "" : DeviceNames.fit(printable(device), width);
    }

    /** Process and device names are bytes from the kernel: never let one reach the terminal as a control code. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private String bold(String s) {
        return paint(s, "1");
    }

    private String dim(String s) {
        return paint(s, "2");
    }

    private String paint(String s, String code) {
        return colour ? "\033[" + code + "m" + s + "\033[0m" : s;
    }
}
