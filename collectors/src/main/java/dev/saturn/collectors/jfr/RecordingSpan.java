package dev.saturn.collectors.jfr;

import java.time.Duration;
import java.time.Instant;

/**
 * What a read covered: the first and last event times, the number of events, and, when the file
 * ends in a damaged or truncated chunk, why (the events before it were read).
 */
public record RecordingSpan(Instant start, Instant end, long events, String truncated) {

    public double seconds() {
        return start == null ? 0 : Duration.between(start, end).toNanos() / 1e9;
    }
}
