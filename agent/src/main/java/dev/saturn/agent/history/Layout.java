package dev.saturn.agent.history;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a report: header, rows, each row's metric names and cells. Samples store only
 * values against a layout; a new layout is written when a disk or an interface appears or vanishes.
 * The reasons are the ones seen when the layout was first written: a sample names a reason only
 * where it differs from them. {@code codec} is the {@link SampleCodec} version its samples are written
 * in: 1 for layouts written before version 2 existed, which keep being read as they were.
 */
public record Layout(int codec, String host, String kernel, String cpuModel, int cpus, Long memoryBytes, List<Row> rows) {
    public Layout {
        rows = List.copyOf(rows);
    }

    /** {@code slots}: the row's metric names, then extra slots for cell values that are no metric. */
    public record Row(String resource, String device, List<String> metrics, int metricCount,
                      List<String> metricReasons, List<CellShape> cells) {
        /** {@code metricReasons} holds null where the metric had a value. */
        public Row {
            metrics = List.copyOf(metrics);
            metricReasons = Collections.unmodifiableList(new ArrayList<>(metricReasons));
            cells = List.copyOf(cells);
        }
    }

    /** {@code slot} indexes the row's slots, -1 for a cell that never has a value. */
    public record CellShape(String metric, String unit, int slot, String reason) {
    }

    public static Layout of(UseReport r) {
        List<Row> rows = new ArrayList<>();
        for (ResourceUse row : r.resources()) {
            List<String> slots = new ArrayList<>(row.metrics().keySet());
            int metricCount = slots.size();
            List<String> reasons = new ArrayList<>();
            for (String m : row.metrics().keySet()) {
                reasons.add(row.metrics().get(m) == null ? row.unavailableMetrics().get(m) : null);
            }
            List<CellShape> cells = new ArrayList<>();
            for (Cell c : List.of(row.utilization(), row.saturation(), row.errors())) {
                int slot = slots.indexOf(c.metric());
                if (slot < 0 && c.value() != null) {
                    slot = slots.size();
                    slots.add(c.metric());
                }
                cells.add(new CellShape(c.metric(), c.unit(), slot, c.reason()));
            }
            rows.add(new Row(row.resource(), row.device(), List.copyOf(slots), metricCount, reasons, List.copyOf(cells)));
        }
        return new Layout(SampleCodec.VERSION, r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), List.copyOf(rows));
    }

    /**
     * What makes two reports share a layout: everything but reasons and values. A cell with a
     * value where the layout has no slot for it needs a new layout too.
     */
    public static String key(UseReport r) {
        StringBuilder b = new StringBuilder(2048);
        b.append(r.host()).append('\0').append(r.kernel()).append('\0').append(r.cpuModel()).append('\0')
                .append(r.cpus()).append('\0').append(r.memoryBytes()).append('\n');
        for (ResourceUse row : r.resources()) {
            b.append(row.resource()).append('\0').append(row.device()).append('\0');
            for (String m : row.metrics().keySet()) {
                b.append(m).append(',');
            }
            for (Cell c : List.of(row.utilization(), row.saturation(), row.errors())) {
                b.append('|').append(c.metric()).append(':').append(c.unit()).append(extraSlot(row, c) ? "+" : "");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Whether two reports have the same {@link #key}, compared in place: a sample whose shape is the last one's
     * (nearly every sample) builds no key.
     */
    public static boolean sameKey(UseReport a, UseReport b) {
        if (!Objects.equals(a.host(), b.host()) || !Objects.equals(a.kernel(), b.kernel())
                || !Objects.equals(a.cpuModel(), b.cpuModel()) || a.cpus() != b.cpus()
                || !Objects.equals(a.memoryBytes(), b.memoryBytes()) || a.resources().size() != b.resources().size()) {
            return false;
        }
        for (int i = 0; i < a.resources().size(); i++) {
            ResourceUse x = a.resources().get(i);
            ResourceUse y = b.resources().get(i);
            if (!Objects.equals(x.resource(), y.resource()) || !Objects.equals(x.device(), y.device())
                    || x.metrics().size() != y.metrics().size()) {
                return false;
            }
            Iterator<String> ym = y.metrics().keySet().iterator();
            for (String m : x.metrics().keySet()) {
                if (!Objects.equals(m, ym.next())) {
                    return false;
                }
            }
            if (!sameCell(x, x.utilization(), y, y.utilization()) || !sameCell(x, x.saturation(), y, y.saturation())
                    || !sameCell(x, x.errors(), y, y.errors())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameCell(ResourceUse xr, Cell x, ResourceUse yr, Cell y) {
        return Objects.equals(x.metric(), y.metric()) && Objects.equals(x.unit(), y.unit())
                && extraSlot(xr, x) == extraSlot(yr, y);
    }

    private static boolean extraSlot(ResourceUse row, Cell c) {
        return c.value() != null && !row.metrics().containsKey(c.metric());
    }

    public int slotCount() {
        int n = 0;
        for (Row row : rows) {
            n += row.metrics().size();
        }
        return n;
    }

    public int cellCount() {
        return rows.size() * 3;
    }

}
