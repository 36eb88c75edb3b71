package dev.saturn.report.prometheus;

import dev.saturn.analyzers.use.AnalyzerOutcome;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.UseReport;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A USE report in the Prometheus text exposition format 0.0.4: every figure as a gauge named
 * saturn_&lt;resource&gt;_&lt;metric&gt; (see {@link MetricName}), each cell's value and status, and the
 * agent's own counters. Unavailable figures are absent, not NaN.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final MathContext DIGITS = new MathContext(15);
    private static final String[] CELLS = {"utilization", "saturation", "errors"};

    private final PageCache cache;
    private final Map<String, Family> families = new LinkedHashMap<>();
    /** Every sample line in the order added; each family knows which ranges of it are its own. */
    private final StringBuilder lines;
    private final Set<String> series = new HashSet<>(512);
    private Family current;
    private String currentName;

    private static final class Family {
        final String help;
        final String type;
        int[] ranges = new int[8];
        int count;

        Family(String help, String type) {
            this.help = help;
            this.type = type;
        }

        void add(int start, int end) {
            if (count > 0 && ranges[count - 1] == start) {
                ranges[count - 1] = end;
                return;
            }
            if (count + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[count++] = start;
            ranges[count++] = end;
        }
    }

    /** A page on its own, with nothing kept from or for other pages. */
    public PrometheusText() {
        this(new PageCache());
    }

    /** A page that reuses what the pages before it left in {@code cache}, and leaves its own there. */
    public PrometheusText(PageCache cache) {
        this.cache = cache;
        this.lines = new StringBuilder(cache.linesHint());
    }

    public PrometheusText report(UseReport r) {
        gauge("saturn_use_timestamp_seconds", "Wall-clock time at the end of the latest USE interval.", "", r.timestamp().toEpochMilli() / 1000.0);
        gauge("saturn_use_interval_seconds", "Length of the latest USE interval.", "", r.intervalSeconds());
        for (ResourceUse row : r.resources()) {
            String labels = labels(row, null, null);
            for (Map.Entry<String, Double> m : row.metrics().entrySet()) {
                if (m.getValue() == null) {
                    continue;
                }
                PageCache.Figure figure = cache.figure(row.resource(), m.getKey());
                gauge(figure.name().name(), figure.help(), labels, m.getValue() * figure.name().scale());
            }
            Cell[] cells = {row.utilization(), row.saturation(), row.errors()};
            for (int i = 0; i < 3; i++) {
                Cell c = cells[i];
                if (c.metric().equals("none")) {
                    continue;
                }
                String cellLabels = labels(row, CELLS[i], c.metric());
                gauge("saturn_use_status", "Status of a USE cell: 0 ok, 1 warn, 2 crit, -1 unavailable.", cellLabels, status(c.status()));
                if (c.value() != null) {
                    gauge("saturn_use_cell_value", "Value of a USE cell as the saturn use table shows it (unit in the unit label).",
                            cellLabels + ",unit=\"" + escape(c.unit() == null ? "" : c.unit()) + "\"", c.value());
                }
            }
        }
        for (AnalyzerOutcome outcome : r.analyzers()) {
            gauge("saturn_use_analyzer_success", "Whether a resource's USE analysis succeeded: 0 when it failed or a row of it measured nothing (the reason is in /api/v1/use).",
                    "resource=\"" + escape(outcome.resource()) + '"', outcome.success() ? 1 : 0);
        }
        return this;
    }

    /**
     * Starts the family {@code name}: the {@code sample} calls that follow are its series, written as they come
     * (no copy of the name and labels into a set: the caller adds each series once). A family already started
     * by {@link #gauge} or {@link #counter} continues.
     */
    public PrometheusText family(String name, String help, String type) {
        Family f = families.get(name);
        if (f == null) {
            f = new Family(help, type);
            families.put(name, f);
        }
        current = f;
        currentName = name;
        return this;
    }

    public PrometheusText sample(double value) {
        int start = lines.length();
        lines.append(currentName).append(' ');
        return end(start, value);
    }

    public PrometheusText sample(String label, String labelValue, double value) {
        int start = lines.length();
        lines.append(currentName).append('{');
        label(label, labelValue);
        lines.append('}').append(' ');
        return end(start, value);
    }

    public PrometheusText sample(String label1, String value1, String label2, String value2, double value) {
        int start = lines.length();
        lines.append(currentName).append('{');
        label(label1, value1);
        lines.append(',');
        label(label2, value2);
        lines.append('}').append(' ');
        return end(start, value);
    }

    public PrometheusText sample(String label1, String value1, String label2, String value2, String label3, String value3,
                                 double value) {
        int start = lines.length();
        lines.append(currentName).append('{');
        label(label1, value1);
        lines.append(',');
        label(label2, value2);
        lines.append(',');
        label(label3, value3);
        lines.append('}').append(' ');
        return end(start, value);
    }

    private void label(String name, String value) {
        lines.append(name).append("=\"").append(escape(value)).append('"');
    }

    private PrometheusText end(int start, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            lines.append((long) value);
        } else {
            lines.append(number(value));
        }
        lines.append('\n');
        current.add(start, lines.length());
        return this;
    }

    public PrometheusText counter(String name, String help, double value) {
        add(name, help, "counter", "", value);
        return this;
    }

    public PrometheusText gauge(String name, String help, String labels, double value) {
        add(name, help, "gauge", labels, value);
        return this;
    }

    private void add(String name, String help, String type, String labels, double value) {
        Family f = families.get(name);
        if (f == null) {
            f = new Family(help, type);
            families.put(name, f);
        }
        String id = labels.isEmpty() ? name : name + "{" + labels + "}";
        if (series.add(id)) {
            int start = lines.length();
            lines.append(id).append(' ').append(number(value)).append('\n');
            f.add(start, lines.length());
        }
    }

    public String text() {
        return text(lines.toString());
    }

    /**
     * The page in UTF-8, as {@code text()}'s bytes. A page that is all ASCII (label values beyond it are rare) is
     * put together from its lines' bytes and each family's header, kept from page to page, without the two
     * copies of the whole page that a String in between costs: the page is most of what a sample allocates.
     */
    public byte[] bytes() {
        String all = lines.toString();
        byte[] ascii = all.getBytes(StandardCharsets.UTF_8);
        if (ascii.length != all.length()) {
            return text(all).getBytes(StandardCharsets.UTF_8); // char offsets are not byte offsets here
        }
        cache.linesHint(lines.length());
        byte[][] headers = new byte[families.size()][];
        int length = ascii.length;
        int i = 0;
        for (Map.Entry<String, Family> e : families.entrySet()) {
            headers[i] = cache.header(e.getKey(), e.getValue().help, e.getValue().type);
            length += headers[i++].length;
        }
        byte[] out = new byte[length];
        int at = 0;
        i = 0;
        for (Family f : families.values()) {
            byte[] header = headers[i++];
            System.arraycopy(header, 0, out, at, header.length);
            at += header.length;
            for (int r = 0; r < f.count; r += 2) {
                int n = f.ranges[r + 1] - f.ranges[r];
                System.arraycopy(ascii, f.ranges[r], out, at, n);
                at += n;
            }
        }
        return out;
    }

    static String headerText(String name, String help, String type) {
        return "# HELP " + name + ' ' + help.replace("\\", "\\\\").replace("\n", "\\n") + '\n' + "# TYPE " + name + ' ' + type + '\n';
    }

    private String text(String all) {
        int length = lines.length();
        for (Map.Entry<String, Family> e : families.entrySet()) {
            length += 18 + 2 * e.getKey().length() + e.getValue().help.length() + e.getValue().type.length();
        }
        cache.linesHint(lines.length());
        // From a String, each family's ranges are copied as arrays; from the StringBuilder, char by char.
        StringBuilder b = new StringBuilder(length);
        for (Map.Entry<String, Family> e : families.entrySet()) {
            Family f = e.getValue();
            b.append(headerText(e.getKey(), f.help, f.type));
            for (int i = 0; i < f.count; i += 2) {
                b.append(all, f.ranges[i], f.ranges[i + 1]);
            }
        }
        return b.toString();
    }

    private static String labels(ResourceUse row, String cell, String metric) {
        StringBuilder b = new StringBuilder(96);
        // A figure's name already says its resource (saturn_cpu_busy_ratio); a USE cell's family holds them all.
        if (cell != null) {
            b.append("resource=\"").append(escape(row.resource())).append('"');
        }
        if (row.device() != null) {
            b.append(b.length() == 0 ? "" : ",").append("device=\"").append(escape(row.device())).append('"');
        }
        if (cell != null) {
            b.append(",cell=\"").append(cell).append("\",metric=\"").append(escape(metric)).append('"');
        }
        return b.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static double status(Status s) {
        return switch (s) {
            case OK -> 0;
            case WARN -> 1;
            case CRIT -> 2;
            case UNAVAILABLE -> -1;
        };
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // 15 significant digits: a scaled 94 % is 0.94, not 0.9400000000000001, and an epoch keeps its milliseconds.
        // A short representation has no such noise; only long ones pay for the BigDecimal (a scrape formats ~200).
        String shortest = Double.toString(v);
        if (shortest.length() <= 16) {
            return shortest;
        }
        // Rounding the shortest decimal gives what rounding the exact binary value gives, but for a tie (the digits past
        // the 15th are exactly 5): there the exact value, a long expansion, decides which way.
        BigDecimal decimal = tieAfter15Digits(shortest) ? new BigDecimal(v) : new BigDecimal(shortest);
        return Double.toString(decimal.round(DIGITS).doubleValue());
    }

    /** Whether the significant digits of a decimal string past the 15th are exactly a 5 (and zeros). */
    static boolean tieAfter15Digits(String decimal) {
        int significant = 0;
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c == 'E') {
                break;
            }
            if (c < '0' || c > '9' || (c == '0' && significant == 0)) {
                continue;
            }
            significant++;
            if (significant == 16 ? c != '5' : significant > 16 && c != '0') {
                return false;
            }
        }
        return significant >= 16;
    }
}
