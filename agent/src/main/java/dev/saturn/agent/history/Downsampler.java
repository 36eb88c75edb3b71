package dev.saturn.agent.history;

import dev.saturn.analyzers.use.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds samples' cells ({@link HistoryReader#forEachCells}) into the buckets of a {@link HistorySeries}. */
public final class Downsampler implements HistoryReader.CellVisitor {
    private static final String[] CELLS = {"utilization", "saturation", "errors"};
    /** Worse first: crit, warn, ok, then unavailable (a cell that was ever measured is not "unavailable"). */
    private static final int[] RANK = rank();
    private static final Status[] STATUSES = Status.values();

    private final Instant from;
    private final Instant to;
    private final long bucketMillis;
    private final int buckets;
    private final int[] counts;
    private final Map<String, Acc> lines = new LinkedHashMap<>();
    private final Map<Layout, Acc[]> byLayout = new IdentityHashMap<>();
    private final Map<Layout, Layout.CellShape[]> shapes = new IdentityHashMap<>();
    private long samples;

    public Downsampler(Instant from, Instant to, long bucketMillis) {
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucket width must be positive: " + bucketMillis);
        }
        this.from = from;
        this.to = to;
        this.bucketMillis = bucketMillis;
        this.buckets = (int) Math.min(Integer.MAX_VALUE - 8, buckets(from, to, bucketMillis));
        this.counts = new int[buckets];
    }

    @Override
    public void sample(long epochMillis, Layout layout, double[] values, byte[] statuses) {
        if (epochMillis < from.toEpochMilli() || epochMillis > to.toEpochMilli()) {
            return;
        }
        // a sample at the window's very end belongs to the last bucket, not to one of its own
        int b = (int) Math.min(buckets - 1, (epochMillis - from.toEpochMilli()) / bucketMillis);
        counts[b]++;
        samples++;
        Acc[] accs = byLayout.computeIfAbsent(layout, this::accumulators);
        Layout.CellShape[] cells = shapes.computeIfAbsent(layout, Downsampler::cellShapes);
        for (int i = 0; i < accs.length; i++) {
            accs[i].add(b, values[i], statuses[i], cells[i]);
        }
    }

    private static Layout.CellShape[] cellShapes(Layout layout) {
        Layout.CellShape[] out = new Layout.CellShape[layout.cellCount()];
        for (int r = 0; r < layout.rows().size(); r++) {
            for (int c = 0; c < 3; c++) {
                out[r * 3 + c] = layout.rows().get(r).cells().get(c);
            }
        }
        return out;
    }

    private Acc[] accumulators(Layout layout) {
        Acc[] out = new Acc[layout.cellCount()];
        for (int r = 0; r < layout.rows().size(); r++) {
            Layout.Row row = layout.rows().get(r);
            for (int c = 0; c < 3; c++) {
                String key = row.resource() + '\0' + row.device() + '\0' + c;
                int cell = c;
                out[r * 3 + c] = lines.computeIfAbsent(key, k -> new Acc(row.resource(), row.device(), CELLS[cell], buckets));
            }
        }
        return out;
    }

    /** How many buckets of {@code bucketMillis} cover the window: at least one, the end inclusive. */
    public static long buckets(Instant from, Instant to, long bucketMillis) {
        long span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        return Math.max(1, (span + bucketMillis - 1) / bucketMillis);
    }

    public HistorySeries build() {
        int kept = 0;
        for (int n : counts) {
            kept += n > 0 ? 1 : 0;
        }
        long[] starts = new long[kept];
        int[] keptCounts = new int[kept];
        int[] index = new int[kept];
        for (int b = 0, k = 0; b < buckets; b++) {
            if (counts[b] > 0) {
                starts[k] = from.toEpochMilli() + b * bucketMillis;
                keptCounts[k] = counts[b];
                index[k++] = b;
            }
        }
        List<HistorySeries.Line> out = new ArrayList<>(lines.size());
        for (Acc a : lines.values()) {
            double[] max = new double[kept];
            double[] mean = new double[kept];
            for (int k = 0; k < kept; k++) {
                int b = index[k];
                max[k] = a.n[b] == 0 ? Double.NaN : a.max[b];
                mean[k] = a.n[b] == 0 ? Double.NaN : a.sum[b] / a.n[b];
            }
            out.add(new HistorySeries.Line(a.resource, a.device, a.cell, a.metric, a.unit, a.worst, max, mean));
        }
        return new HistorySeries(from, to, bucketMillis, samples, starts, keptCounts, out);
    }

    private static int[] rank() {
        int[] r = new int[Status.values().length];
        r[Status.UNAVAILABLE.ordinal()] = 0;
        r[Status.OK.ordinal()] = 1;
        r[Status.WARN.ordinal()] = 2;
        r[Status.CRIT.ordinal()] = 3;
        return r;
    }

    /** One line's buckets, dense over the window; made compact by {@link #build}. */
    private static final class Acc {
        final String resource;
        final String device;
        final String cell;
        final double[] max;
        final double[] sum;
        final int[] n;
        String metric;
        String unit;
        Status worst = Status.UNAVAILABLE;

        Acc(String resource, String device, String cell, int buckets) {
            this.resource = resource;
            this.device = device;
            this.cell = cell;
            this.max = new double[buckets];
            this.sum = new double[buckets];
            this.n = new int[buckets];
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(int b, double value, byte status, Layout.CellShape shape) {
            metric = shape.metric();
            unit = shape.unit();
            Status s = STATUSES[status];
            if (RANK[s.ordinal()] > RANK[worst.ordinal()]) {
                worst = s;
            }
            if (!Double.isNaN(value)) {
                max[b] = Math.max(max[b], value);
                sum[b] += value;
                n[b]++;
            }
        }
    }
}
