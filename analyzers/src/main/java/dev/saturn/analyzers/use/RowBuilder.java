package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.DoubleSupplier;

/**
 * Builds one {@link ResourceUse}: each metric and cell is computed on its own, so an input that
 * cannot be read empties only the figures that need it.
 */
final class RowBuilder {
    private final String resource;
    private final String device;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private Cell utilization = Cell.notDefined("no utilization metric for this resource");
    private Cell saturation = Cell.notDefined("no saturation metric for this resource");
    private Cell errors = Cell.notDefined("no error counter for this resource");

    RowBuilder(String resource, String device) {
        this.resource = resource;
        this.device = device;
    }

    /** Computes a metric; null with its reason when an input is unavailable. */
    Double metric(String name, DoubleSupplier value) {
        try {
            double v = value.getAsDouble();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new Unavailable(name + ": no events in the interval to average over");
            }
            metrics.put(name, v);
            return v;
        } catch (Unavailable e) {
            metrics.put(name, null);
            unavailable.put(name, e.getMessage());
            return null;
        }
    }

    /** A metric computed earlier on this row; Unavailable with its reason when it could not be. */
    double required(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new Unavailable(reasonFor(name));
        }
        return v;
    }

    /** A metric computed earlier on this row, or null. */
    Double value(String name) {
        return metrics.get(name);
    }

    String reasonFor(String name) {
        return unavailable.getOrDefault(name, name + " was not computed");
    }

    void metricUnavailable(String name, String reason) {
        metrics.put(name, null);
        unavailable.put(name, reason);
    }

    static Cell cell(String metric, String unit, DoubleSupplier value, DoubleFunction<Verdict> judge) {
        try {
            double v = value.getAsDouble();
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return Cell.unavailable(metric, unit, "no events in the interval");
            }
            Verdict verdict = judge.apply(v);
            return new Cell(metric, v, unit, verdict.status(), verdict.reason());
        } catch (Unavailable e) {
            return Cell.unavailable(metric, unit, e.getMessage());
        }
    }

    /** A cell whose value is a metric already computed on this row. */
    Cell cellOf(String metric, String unit, DoubleFunction<Verdict> judge) {
        Double v = metrics.get(metric);
        if (v == null) {
            String reason = unavailable.getOrDefault(metric, metric + " was not computed");
            return Cell.unavailable(metric, unit, reason);
        }
        Verdict verdict = judge.apply(v);
        return new Cell(metric, v, unit, verdict.status(), verdict.reason());
    }

    RowBuilder utilization(Cell c) {
        utilization = c;
        return this;
    }

    RowBuilder saturation(Cell c) {
        saturation = c;
        return this;
    }

    RowBuilder errors(Cell c) {
        errors = c;
        return this;
    }

    ResourceUse build() {
        return new ResourceUse(resource, device, utilization, saturation, errors, metrics, unavailable);
    }

    /** A row whose inputs are missing altogether: every cell says the same reason. */
    static ResourceUse unavailableRow(String resource, String device, String reason) {
        RowBuilder b = new RowBuilder(resource, device);
        b.utilization = Cell.unavailable("none", null, reason);
        b.saturation = Cell.unavailable("none", null, reason);
        b.errors = Cell.unavailable("none", null, reason);
        return b.build();
    }

    /**
     * Of a resource's several saturation signals, the cell whose verdict is worst, so the value shown
     * is the one the verdict is about; on a tie the first with a value.
     */
    static Cell worst(List<Cell> cells) {
        Cell best = null;
        for (Cell cell : cells) {
            if (cell.value() == null) {
                continue;
            }
            if (best == null || Status.worst(best.status(), cell.status()) != best.status()) {
                best = cell;
            }
        }
        if (best != null) {
            return best;
        }
        return Cell.unavailable(cells.get(0).metric(), cells.get(0).unit(),
                String.join("; ", cells.stream().map(Cell::reason).toList()));
    }
}
