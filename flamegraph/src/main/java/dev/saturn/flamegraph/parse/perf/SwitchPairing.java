package dev.saturn.flamegraph.parse.perf;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Time off CPU per stack, from scheduler switches in time order: a thread's switch-out (with the stack it
 * blocked in) opens an interval, its next switch-in closes it, and the interval's length is added to that
 * stack. A switch-in with no switch-out before it (the thread was already off CPU when recording began)
 * counts nothing, since its stack is unknown; a thread still off CPU at the end counts up to the last
 * time seen, unless it left the CPU to die. Time is kept in nanoseconds and handed out in microseconds.
 */
final class SwitchPairing {
    private record Out(String stack, long atNanos) {
    }

    private final Map<Long, Out> offCpu = new HashMap<>();
    private final Map<String, Long> nanosByStack = new LinkedHashMap<>();
    private long lastNanos = Long.MIN_VALUE;
    private long intervals;

    /**
     * Thread {@code tid} left its CPU at {@code atNanos}, blocked in {@code stack}; {@code uncounted}: its time away is
     * not counted (it is exiting and will not return, or it left in a state not asked for).
     */
    void switchOut(long tid, long atNanos, String stack, boolean uncounted) {
        seen(atNanos);
        if (uncounted) {
            offCpu.remove(tid);
        } else {
            offCpu.put(tid, new Out(stack, atNanos));
        }
    }

    /**
     * Thread {@code tid} really left its CPU at {@code atNanos}: perf's switch record comes after the tracepoint, once
     * perf has walked and written the stack (tens of microseconds on a VM, which the thread spends on its CPU), so the
     * blocked interval starts here when there is one.
     */
    void switchedOut(long tid, long atNanos) {
        seen(atNanos);
        Out out = offCpu.get(tid);
        if (out != null && atNanos >= out.atNanos) {
            offCpu.put(tid, new Out(out.stack, atNanos));
        }
    }

    /** Thread {@code tid} got a CPU again at {@code atNanos}. */
    void switchIn(long tid, long atNanos) {
        seen(atNanos);
        Out out = offCpu.remove(tid);
        if (out != null && atNanos >= out.atNanos) {
            add(out.stack, atNanos - out.atNanos);
            intervals++;
        }
    }

    /** Time on CPU, known as such (a clock sample of that period). */
    void onCpu(String stack, long atNanos, long nanos) {
        seen(atNanos);
        add(stack, nanos);
    }

    /** How many switch-outs found their switch-in. */
    long intervals() {
        return intervals;
    }

    /** Closes the threads still off CPU at the last time seen, and hands each stack's time out in microseconds (rounded; zero left out). */
    void finish(ObjLongConsumer<String> micros) {
        for (Out out : offCpu.values()) {
            add(out.stack, lastNanos - out.atNanos);
        }
        offCpu.clear();
        nanosByStack.forEach((stack, nanos) -> {
            long us = Math.round(nanos / 1000.0);
            if (us > 0) {
                micros.accept(stack, us);
            }
        });
    }

    /** A record of any kind at {@code atNanos}: the recording lasted at least until then. */
    void seen(long atNanos) {
        lastNanos = Math.max(lastNanos, atNanos);
    }

    private void add(String stack, long nanos) {
        if (nanos > 0) {
            nanosByStack.merge(stack, nanos, Long::sum);
        }
    }
}
