package dev.saturn.report.text;

import dev.saturn.analyzers.use.Numbers;
import dev.saturn.analyzers.use.ProcessFigure;
import dev.saturn.analyzers.use.ProcessRanking;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines under a row of the table that name the processes behind its resource, one per metric. */
final class ProcessLines {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("cpu_pct", "cpu"), Map.entry("run_delay", "runq wait"), Map.entry("rss", "rss"),
            Map.entry("major_faults", "major faults"), Map.entry("swap", "swap"), Map.entry("read_bytes", "read"),
            Map.entry("write_bytes", "write"), Map.entry("blkio_delay", "blkio delay"), Map.entry("open_fds", "open fds"),
            Map.entry("threads", "threads"), Map.entry("sockets", "sockets"), Map.entry("receive_queue", "recv queue"),
            Map.entry("send_queue", "send queue"));

    private ProcessLines() {
    }

    /**
     * "    rss          java[4302] 412.0 MiB, ..." or "    blkio delay  n/a [10]"; "none" where no process counted; a
     * note where some processes could not be read; null for a metric with nothing to show.
     */
    static String line(ProcessRanking r, List<String> notes) {
        String label = String.format(Locale.ROOT, "    %-13s", LABELS.getOrDefault(r.metric(), r.metric()));
        if (r.reason() != null) {
            return label + "n/a [" + note(r.reason(), notes) + "]";
        }
        String partial = r.unreadable() == null ? "" : " [" + note(r.unreadable(), notes) + "]";
        if (r.top().isEmpty()) {
            return r.unreadable() == null ? null : label + "none" + partial;
        }
        return list(r, label) + partial;
    }

    private static int note(String text, List<String> notes) {
        int index = notes.indexOf(text);
        if (index < 0) {
            notes.add(text);
            index = notes.size() - 1;
        }
        return index + 1;
    }

    private static String list(ProcessRanking r, String label) {
        StringBuilder b = new StringBuilder(label);
        for (int i = 0; i < r.top().size(); i++) {
            ProcessFigure p = r.top().get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(TextReportWriter.printable(p.comm())).append('[').append(p.pid()).append("] ").append(value(p, r.unit()));
        }
        return b.toString();
    }

    static String value(ProcessFigure p, String unit) {
        double v = p.value();
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.1f%%", v);
            case "ms_per_second" -> String.format(Locale.ROOT, "%.1f ms/s", v);
            case "bytes" -> Numbers.bytes(v);
            case "bytes_per_second" -> Numbers.bytes(v) + "/s";
            case "per_second" -> Numbers.rate(v) + "/s";
            case "fds" -> p.limit() == null ? String.format(Locale.ROOT, "%.0f of unlimited", v)
                    : String.format(Locale.ROOT, "%.0f of %.0f (%.0f%%)", v, p.limit(), p.limitUsedPct());
            default -> String.format(Locale.ROOT, "%.0f", v);
        };
    }
}
