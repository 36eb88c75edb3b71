package dev.saturn.flamegraph.parse.jfr;

import java.time.Duration;
import java.time.Instant;

/**
 * One end of a time window inside a recording: an instant, or an offset from the recording's start.
 *
 * @param instant the absolute time, or null for an offset
 * @param sinceStart the offset from the recording's start, or null for an instant
 * @param given how the user wrote it, for messages
 */
public record JfrTime(Instant instant, Duration sinceStart, String given) {
    public JfrTime {
        if ((instant == null) == (sinceStart == null)) {
            throw new IllegalArgumentException("an instant or an offset, one of them");
        }
    }

    public static JfrTime at(Instant instant, String given) {
        return new JfrTime(instant, null, given);
    }

    public static JfrTime sinceStart(Duration offset, String given) {
        return new JfrTime(null, offset, given);
    }

    /** The instant in a recording that started at {@code start}. */
    public Instant in(Instant start) {
        return instant != null ? instant : start.plus(sinceStart);
    }
}
