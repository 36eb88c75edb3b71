package dev.saturn.analyzers.use;

import dev.saturn.collectors.Unavailable;

/** Counter arithmetic over the interval T: deltas that refuse to go backwards, and rates. */
public record Interval(double seconds) {

    public static long delta(long before, long after, String what) {
        if (after < before) {
            throw new Unavailable(what + " went backwards (" + before + " -> " + after
                    + "): counter reset or device replaced during the interval");
        }
        return after - before;
    }

    public double rate(long before, long after, String what) {
        return delta(before, after, what) / seconds;
    }

    public double millis() {
        return seconds * 1000.0;
    }
}
