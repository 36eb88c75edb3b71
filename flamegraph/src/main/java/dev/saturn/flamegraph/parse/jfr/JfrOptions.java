package dev.saturn.flamegraph.parse.jfr;

import java.util.regex.Pattern;

/**
 * How a JFR recording becomes stacks; {@link #of} gives the defaults for an event.
 *
 * @param event which events, and so what the weights count
 * @param threadNames the thread name as the root frame (default off)
 * @param threadIds with the thread name, its OS thread ID: `name/TID`, a root per thread even where
 *     names repeat (default off)
 * @param lineNumbers `pkg.Class.method:LINE` where JFR knows the line (default off)
 * @param frameTypes async-profiler's suffixes: `_[0]` interpreted, `_[1]` C1-compiled,
 *     `_[j]` JIT-compiled, `_[i]` inlined frames; class leaf frames `_[i]`, or `_[k]` for
 *     allocations outside a TLAB (default off)
 * @param classFrames for ALLOC and LOCK, the allocated or locked class as the leaf frame (default on)
 * @param window the events to read by their start time (default: all)
 * @param threadFilter only events of threads whose name this finds (default null: every thread)
 */
public record JfrOptions(JfrEvent event, boolean threadNames, boolean threadIds, boolean lineNumbers, boolean frameTypes,
        boolean classFrames, JfrWindow window, Pattern threadFilter) {
    /** CPU samples, no thread frames, no line numbers, no frame types, class frames. */
    public static final JfrOptions DEFAULTS = of(JfrEvent.CPU);

    public JfrOptions {
        if (event == null) {
            throw new IllegalArgumentException("event is required");
        }
        if (window == null) {
            window = JfrWindow.ALL;
        }
    }

    public static JfrOptions of(JfrEvent event) {
        return new JfrOptions(event, false, false, false, false, true, JfrWindow.ALL, null);
    }

    public JfrOptions withThreadNames(boolean on) {
        return new JfrOptions(event, on, threadIds, lineNumbers, frameTypes, classFrames, window, threadFilter);
    }

    public JfrOptions withThreadIds(boolean on) {
        return new JfrOptions(event, threadNames, on, lineNumbers, frameTypes, classFrames, window, threadFilter);
    }

    public JfrOptions withLineNumbers(boolean on) {
        return new JfrOptions(event, threadNames, threadIds, on, frameTypes, classFrames, window, threadFilter);
    }

    public JfrOptions withFrameTypes(boolean on) {
        return new JfrOptions(event, threadNames, threadIds, lineNumbers, on, classFrames, window, threadFilter);
    }

    public JfrOptions withClassFrames(boolean on) {
        return new JfrOptions(event, threadNames, threadIds, lineNumbers, frameTypes, on, window, threadFilter);
    }

    public JfrOptions withWindow(JfrWindow window) {
        return new JfrOptions(event, threadNames, threadIds, lineNumbers, frameTypes, classFrames, window, threadFilter);
    }

    public JfrOptions withThreadFilter(Pattern threadFilter) {
        return new JfrOptions(event, threadNames, threadIds, lineNumbers, frameTypes, classFrames, window, threadFilter);
    }

    /** Whether a thread frame starts each stack. */
    boolean threadRoots() {
        return threadNames || threadIds;
    }

    /** Whether only some of the recording's events are read. */
    public boolean filtered() {
        return !window.all() || threadFilter != null;
    }
}
