package dev.saturn.flamegraph.parse.jfr;

/**
 * How a JFR recording becomes stacks; {@link #of} gives the defaults for an event.
 *
 * @param event which events, and so what the weights count
 * @param threadNames the thread name as the root frame (default off)
 * @param lineNumbers `pkg.Class.method:LINE` where JFR knows the line (default off)
 * @param frameTypes async-profiler's suffixes: `_[0]` interpreted, `_[1]` C1-compiled,
 *     `_[j]` JIT-compiled, `_[i]` inlined frames; class leaf frames `_[i]`, or `_[k]` for
 *     allocations outside a TLAB (default off)
 * @param classFrames for ALLOC and LOCK, the allocated or locked class as the leaf frame (default on)
 */
public record JfrOptions(JfrEvent event, boolean threadNames, boolean lineNumbers, boolean frameTypes, boolean classFrames) {
    /** CPU samples, no thread frames, no line numbers, no frame types, class frames. */
    public static final JfrOptions DEFAULTS = of(JfrEvent.CPU);

    public JfrOptions {
        if (event == null) {
            throw new IllegalArgumentException("event is required");
        }
    }

    public static JfrOptions of(JfrEvent event) {
        return new JfrOptions(event, false, false, false, true);
    }

    public JfrOptions withThreadNames(boolean on) {
        return new JfrOptions(event, on, lineNumbers, frameTypes, classFrames);
    }

    public JfrOptions withLineNumbers(boolean on) {
        return new JfrOptions(event, threadNames, on, frameTypes, classFrames);
    }

    public JfrOptions withFrameTypes(boolean on) {
        return new JfrOptions(event, threadNames, lineNumbers, on, classFrames);
    }

    public JfrOptions withClassFrames(boolean on) {
        return new JfrOptions(event, threadNames, lineNumbers, frameTypes, on);
    }
}
