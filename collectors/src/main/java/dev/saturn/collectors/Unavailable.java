package dev.saturn.collectors;

/**
 * Thrown inside a computation when one of its inputs cannot be measured; caught where a report
 * cell is built, so the cell says why instead of showing a number that is not true.
 */
public final class Unavailable extends RuntimeException {
    public Unavailable(String reason) {
        super(reason, null, false, false);
    }
}
