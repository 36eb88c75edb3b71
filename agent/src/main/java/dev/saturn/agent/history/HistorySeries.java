package dev.saturn.agent.history;

import dev.saturn.analyzers.use.Status;
import java.time.Instant;
import java.util.List;

/**
 * A window of the history cut into buckets of {@code bucketMillis}, from {@code from}: only the buckets that hold
 * samples, each with its start and sample count, and per U/S/E cell of every row seen in the window the largest
 * and the mean value of each bucket (NaN where the cell had no value in that bucket). The largest is what a
 * chart draws: a one-sample spike in a week stays visible, where one sample per bucket or a mean would hide it.
 */
public record HistorySeries(Instant from, Instant to, long bucketMillis, long samples, long[] bucketStarts, int[] counts,
                            List<Line> lines) {
    public HistorySeries {
        bucketStarts = bucketStarts.clone();
        counts = counts.clone();
        lines = List.copyOf(lines);
    }

    /**
     * One cell of one row over the window; {@code worst} is its worst status in the window (unavailable only when
     * never anything else), {@code metric} and {@code unit} those of its last sample.
     */
    public record Line(String resource, String device, String cell, String metric, String unit, Status worst,
                       double[] max, double[] mean) {
        public Line {
            max = max.clone();
            mean = mean.clone();
        }
    }
}
