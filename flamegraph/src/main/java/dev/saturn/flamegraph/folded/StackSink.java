package dev.saturn.flamegraph.folded;

/**
 * Receives stacks as a parser finds them: frame names root first, joined by ';' (names already
 * cleaned of ';'), and the sample's weight (samples, bytes or nanoseconds).
 */
public interface StackSink {
    void accept(String stack, long weight);
}
