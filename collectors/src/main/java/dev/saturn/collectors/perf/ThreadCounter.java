package dev.saturn.collectors.perf;

/** The counters of one thread: a file descriptor per {@link CounterEvent} ordinal, -1 where not open. */
record ThreadCounter(int tid, int[] fds) {
}
