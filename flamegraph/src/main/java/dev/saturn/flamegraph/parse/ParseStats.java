package dev.saturn.flamegraph.parse;

/**
 * What a parse left out: the number of lines it could not use and the first of them (1-based,
 * 0 when none), for one message such as "Ignored 3 lines with invalid format, first at line 17".
 */
public record ParseStats(long invalidLines, long firstInvalidLine, long stacks) {
    public static ParseStats clean(long stacks) {
        return new ParseStats(0, 0, stacks);
    }
}
