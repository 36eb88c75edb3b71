package dev.saturn.flamegraph.parse;

/**
 * What a parse left out: the number of lines it could not use and the first of them (1-based,
 * 0 when none), for one message such as "Ignored 3 lines with invalid format, first at line 17";
 * and what its counts are ({@link CountUnit}).
 */
public record ParseStats(long invalidLines, long firstInvalidLine, long stacks, CountUnit unit) {
    public ParseStats(long invalidLines, long firstInvalidLine, long stacks) {
        this(invalidLines, firstInvalidLine, stacks, CountUnit.SAMPLES);
    }

    public static ParseStats clean(long stacks) {
        return new ParseStats(0, 0, stacks);
    }
}
