package dev.saturn.collectors.perf;

import java.util.List;

/**
 * The counts of every thread of one process, summed, from the counters' opening to this read.
 * Threads: those counted from the start, those started later (counted through inherit, in the
 * counter of the thread that started them, and still present at the read), those that exited
 * (their counts kept).
 */
public record ProcessCounts(int pid, String command, List<EventCount> events, int threadsAtStart,
        int threadsStartedSeen, int threadsExited, boolean userOnly, boolean processExited) {
    public ProcessCounts {
        events = List.copyOf(events);
    }

    public EventCount event(CounterEvent event) {
        for (EventCount c : events) {
            if (c.event() == event) {
                return c;
            }
        }
        throw new IllegalArgumentException(event + " not counted");
    }
}
