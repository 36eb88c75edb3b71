package dev.saturn.flamegraph.folded;

/**
 * Receives stacks as a parser finds them: frame names root first, joined by ';' (names already
 * cleaned of ';'), and the sample's weight (samples, bytes or nanoseconds).
 */
public interface StackSink {
    void accept(String stack, long weight);

    /**
     * A fractional weight, which only folded input has (flamegraph.pl's counts may be fractional).
     * A sink that keeps whole weights rounds it.
     */
    default void accept(String stack, double weight) {
        accept(stack, Math.round(weight));
    }
}
