package dev.saturn.flamegraph.parse.jfr;

import java.time.Instant;

/**
 * The part of a recording to read: events that start at or after {@code from} and before {@code to};
 * a null end is the recording's own.
 */
public record JfrWindow(JfrTime from, JfrTime to) {
    public static final JfrWindow ALL = new JfrWindow(null, null);

    public boolean all() {
        return from == null && to == null;
    }

    /** This window in a recording that runs from {@code span}'s start to its end; an empty or outside window is an error. */
    Bounds in(RecordingSpan span) throws WindowOutsideRecording {
        Instant start = from == null ? Instant.MIN : from.in(span.start());
        Instant end = to == null ? Instant.MAX : to.in(span.start());
        if (from != null && to != null && !end.isAfter(start)) {
            throw new WindowOutsideRecording("--to " + to.given() + " (" + end + ") is not after --from " + from.given()
                    + " (" + start + "): give a window that ends after it starts");
        }
        if (from != null && !start.isBefore(span.end())) {
            throw new WindowOutsideRecording("--from " + from.given() + " (" + start + ") is at or after the end of the recording, "
                    + "which runs from " + span.describe());
        }
        if (to != null && !end.isAfter(span.start())) {
            throw new WindowOutsideRecording("--to " + to.given() + " (" + end + ") is at or before the start of the recording, "
                    + "which runs from " + span.describe());
        }
        return new Bounds(start, end);
    }

    /** Resolved ends: from inclusive, to exclusive. */
    record Bounds(Instant from, Instant to) {
        boolean holds(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }
}
