package dev.saturn.report.text;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line per report, for watching a host change as people watch {@code iostat -x 1}: the time, then for each
 * resource its worst cell (the device where the resource has several, the value, what it is, and its verdict where
 * not ok), the header again every screenful as vmstat repeats it. Stateful: one writer for the reports of one run,
 * whose columns are the resources of its first report.
 */
public final class BriefReportWriter implements ReportWriter<UseReport> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MIN_WIDTH = 10;

    private final boolean colour;
    private final int headerEvery;
    private final ZoneId zone;
    private List<String> resources;
    private Map<String, Integer> widths;
    private int linesSinceHeader;

    /**
     * {@code headerEvery}: lines between headers, header included (a terminal's height); 0 for one header only (output
     * to a file or a pipe, read by a program).
     */
    public BriefReportWriter(boolean colour, int headerEvery, ZoneId zone) {
        this.colour = colour;
        this.headerEvery = headerEvery;
        this.zone = zone;
    }

    @Override
    public String contentType() {
        return TEXT;
    }

    @Override
    public void write(Writer to, UseReport r) {
        PrintWriter out = ReportWriter.lines(to);
        Map<String, String> cells = worstCells(r);
        if (resources == null) {
            resources = new ArrayList<>(cells.keySet());
            widths = new LinkedHashMap<>();
            for (String resource : resources) {
                widths.put(resource, Math.max(MIN_WIDTH, Math.max(header(resource).length(), plain(cells.get(resource)).length())));
            }
        }
        if (linesSinceHeader == 0 || (headerEvery > 1 && linesSinceHeader >= headerEvery - 1)) {
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-8s", "TIME"));
            for (String resource : resources) {
                h.append("  ").append(pad(header(resource), widths.get(resource)));
            }
            out.println(paint(h.toString().stripTrailing(), "1"));
            linesSinceHeader = 0;
        }
        StringBuilder line = new StringBuilder(TIME.format(r.timestamp().atZone(zone)));
        for (String resource : resources) {
            String cell = cells.getOrDefault(resource, "-");
            int width = widths.get(resource);
            line.append("  ").append(cell).append(" ".repeat(Math.max(0, width - plain(cell).length())));
        }
        out.println(line.toString().stripTrailing());
        linesSinceHeader++;
        out.flush();
    }

    /** Each resource's worst cell, in the report's order of resources. */
    private Map<String, String> worstCells(UseReport r) {
        Map<String, Cell> worst = new LinkedHashMap<>();
        Map<String, String> devices = new LinkedHashMap<>();
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (ResourceUse row : r.resources()) {
            rows.merge(row.resource(), 1, Integer::sum);
            for (Cell c : List.of(row.utilization(), row.saturation(), row.errors())) {
                Cell best = worst.get(row.resource());
                if (best == null || rank(c) > rank(best)) {
                    worst.put(row.resource(), c);
                    devices.put(row.resource(), row.device());
                }
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : worst.entrySet()) {
            Cell c = e.getValue();
            String device = rows.get(e.getKey()) > 1 && devices.get(e.getKey()) != null ? devices.get(e.getKey()) + " " : "";
            String text;
            if (c.value() == null) {
                text = "n/a";
            } else {
                text = device + TextReportWriter.number(c) + " " + TextReportWriter.label(c.metric());
            }
            out.put(e.getKey(), TextReportWriter.printable(text) + verdict(c.status()));
        }
        return out;
    }

    /** A cell's place among its resource's: crit over warn over ok over a figure not measured. */
    private static int rank(Cell c) {
        return switch (c.status()) {
            case CRIT -> 3;
            case WARN -> 2;
            case OK -> c.value() == null ? 0 : 1;
            case UNAVAILABLE -> 0;
        };
    }

    private String verdict(Status s) {
        return switch (s) {
            case CRIT -> " " + paint("CRIT", "1;31");
            case WARN -> " " + paint("WARN", "1;33");
            default -> "";
        };
    }

    private static String header(String resource) {
        return resource.toUpperCase(Locale.ROOT);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** Without the colour codes: the width a person sees. */
    private static String plain(String s) {
        return s == null ? "-" : s.replaceAll("\033\\[[0-9;]*m", "");
    }

    private String paint(String s, String code) {
        return colour ? "\033[" + code + "m" + s + "\033[0m" : s;
    }
}
