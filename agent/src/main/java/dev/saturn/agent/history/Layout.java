package dev.saturn.agent.history;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a report: header, rows, each row's metric names and cells. Samples store only
 * values against a layout; a new layout is written when a disk or an interface appears or vanishes.
 * The reasons are the ones seen when the layout was first written: a sample names a reason only
 * where it differs from them.
 */
public record Layout(String host, String kernel, String cpuModel, int cpus, Long memoryBytes, List<Row> rows) {

    /** {@code slots}: the row's metric names, then extra slots for cell values that are no metric. */
    public record Row(String resource, String device, List<String> metrics, int metricCount,
                      List<String> metricReasons, List<CellShape> cells) {
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
        return new Layout(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), List.copyOf(rows));
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
                b.append('|').append(c.metric()).append(':').append(c.unit())
                        .append(c.value() != null && !row.metrics().containsKey(c.metric()) ? "+" : "");
            }
            b.append('\n');
        }
        return b.toString();
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
