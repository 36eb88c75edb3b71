package dev.saturn.flamegraph.parse;

/**
 * What a parse of one input found: the stacks it handed over, the lines it could not use and the
 * first of them (1-based, 0 when none), for one message such as "Ignored 3 lines with invalid
 * format, first at line 17"; and what its counts are ({@link CountUnit}).
 */
public record ParseStats(long invalidLines, long firstInvalidLine, long stacks, CountUnit unit) {
    public ParseStats(long invalidLines, long firstInvalidLine, long stacks) {
        this(invalidLines, firstInvalidLine, stacks, CountUnit.SAMPLES);
    }

    public static ParseStats clean(long stacks) {
        return new ParseStats(0, 0, stacks);
    }

    /** "Ignored 3 lines with invalid format, first at line 17", or "" when every line was valid. */
    public String invalidMessage() {
        if (invalidLines == 0) {
            return "";
        }
        return "Ignored " + invalidLines + (invalidLines == 1 ? " line" : " lines")
                + " with invalid format, first at line " + firstInvalidLine;
    }

    /** Both inputs' counts; the first invalid line is this one's, else the other's; the unit this one's unless it is samples. */
    public ParseStats plus(ParseStats o) {
        return new ParseStats(invalidLines + o.invalidLines, firstInvalidLine != 0 ? firstInvalidLine : o.firstInvalidLine,
                stacks + o.stacks, unit.samples() ? o.unit : unit);
    }
}
