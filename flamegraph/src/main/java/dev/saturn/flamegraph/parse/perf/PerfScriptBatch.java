package dev.saturn.flamegraph.parse.perf;

import dev.saturn.flamegraph.folded.StackSink;

/**
 * Whole samples of {@code perf script} output collapsed apart from any other, one batch at a time: the agent's
 * ring folds each second of a perf stream that never ends. Each batch gets a collapser of its own, so that no
 * cache outlives its batch (a parser's caches grow with the distinct lines of its input, which a stream has no
 * end of).
 */
public final class PerfScriptBatch {
    private PerfScriptBatch() {
    }

    /**
     * Collapses the lines {@code b[0, length)}, whole samples ending in '\n', into {@code sink}, with
     * stackcollapse-perf.pl's semantics (as {@link PerfScriptParser}); returns the samples kept.
     */
    public static long collapse(byte[] b, int length, PerfCollapseOptions options, StackSink sink) {
        if (length == 0) {
            return 0;
        }
        if (b[length - 1] != '\n') {
            throw new IllegalArgumentException("a batch of perf script output must end with a whole line");
        }
        EventChoice events = new EventChoice(options.eventFilter());
        events.chooseFirstIn(b, length);
        ChunkCollapser collapser = new ChunkCollapser(options, events);
        collapser.collapse(b, 0, length);
        collapser.endOfInput();
        collapser.drainTo(sink);
        return collapser.samples();
    }
}
