package dev.saturn.flamegraph.folded;

/**
 * Receives folded lines as the bytes they were read in, without a String per line: for a sink that
 * works on bytes (the frame tree), and that can take a differential line's two counts.
 */
public interface FoldedLineSink {
    /**
     * The stack is {@code buf[from, to)}, frames separated by ';'. {@code first} is the line's only
     * count, or the first of two; {@code second} is NaN on a one-count line. {@code shared} is how
     * many bytes the line (count and newline included) has in common with the previous line, which
     * was valid and handed over just before: the reader has compared them anyway, and a sink that
     * compares stacks can start from it. -1 when unknown.
     */
    void accept(byte[] buf, int from, int to, double first, double second, int shared);
}
