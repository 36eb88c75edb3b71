package dev.saturn.cli.stat;

import dev.saturn.collectors.perf.CounterEvent;
import dev.saturn.collectors.perf.EventCount;
import dev.saturn.collectors.perf.ProcessCounts;

/**
 * What `saturn stat` reports: the counts, the wall time they cover, why the count stopped, and the
 * ratios perf stat derives from them.
 */
record StatReport(ProcessCounts counts, double elapsedSeconds, StopReason stoppedBy) {

    enum StopReason {
        DURATION("duration"), INTERRUPT("interrupt"), EXIT("exit");

        final String label;

        StopReason(String label) {
            this.label = label;
        }
    }

    double taskClockSeconds() {
        return counts.event(CounterEvent.TASK_CLOCK).scaled() / 1e9;
    }

    /** task-clock over wall time, perf's "CPUs utilized". */
    Double cpusUtilized() {
        EventCount clock = counts.event(CounterEvent.TASK_CLOCK);
        return clock.counted() && elapsedSeconds > 0 ? clock.scaled() / 1e9 / elapsedSeconds : null;
    }

    /** Per second of task-clock (CPU time), as perf stat's "/sec". */
    Double perSecond(EventCount c) {
        double cpuSeconds = taskClockSeconds();
        return c.counted() && cpuSeconds > 0 ? c.scaled() / cpuSeconds : null;
    }

    /** Instructions per cycle, where both counted. */
    Double ipc() {
        EventCount cycles = counts.event(CounterEvent.CYCLES);
        EventCount instructions = counts.event(CounterEvent.INSTRUCTIONS);
        return cycles.counted() && instructions.counted() && cycles.scaled() > 0 ? instructions.scaled() / cycles.scaled() : null;
    }

    /** Cycles per nanosecond of task-clock: the clock the process ran at. */
    Double ghz() {
        EventCount cycles = counts.event(CounterEvent.CYCLES);
        EventCount clock = counts.event(CounterEvent.TASK_CLOCK);
        return cycles.counted() && clock.scaled() > 0 ? cycles.scaled() / clock.scaled() : null;
    }
}
