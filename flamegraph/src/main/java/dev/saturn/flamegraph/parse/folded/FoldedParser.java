package dev.saturn.flamegraph.parse.folded;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;

/**
 * Folded stacks in, as stackcollapse-*.pl print them and as async-profiler writes with
 * {@code -o collapsed} (frames may end in {@code _[j] _[i] _[k] _[0] _[1]}; they pass through):
 * {@code frame;frame;leaf COUNT}. The stack is everything before the last run of spaces or tabs,
 * unchanged byte for byte; the count is a non-negative decimal integer that fits a long.
 * Repeated stacks reach the sink once per line; the sink sums them.
 * Blank lines are skipped. Invalid, and counted: no count, a negative, fractional or oversized
 * count, an empty stack, a line of {@link Latin1Lines#MAX_LINE} bytes or more.
 */
public final class FoldedParser implements StackParser {
    private static final int MAX_DIGITS = 19;

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        Latin1Lines lines = new Latin1Lines(in);
        long invalid = 0;
        long firstInvalid = 0;
        long stacks = 0;
        for (String line; (line = lines.next()) != null; ) {
            if (!lines.tooLong() && isBlank(line)) {
                continue;
            }
            if (lines.tooLong() || !accept(line, sink)) {
                if (invalid++ == 0) {
                    firstInvalid = lines.number();
                }
                continue;
            }
            stacks++;
        }
        return new ParseStats(invalid, firstInvalid, stacks);
    }

    /** Hands the line's stack and count to the sink, or answers false when the line is invalid. */
    static boolean accept(String line, StackSink sink) {
        int end = line.length();
        while (end > 0 && isSpace(line.charAt(end - 1))) {
            end--;
        }
        int digits = end;
        while (digits > 0 && isDigit(line.charAt(digits - 1))) {
            digits--;
        }
        if (digits == end || end - digits > MAX_DIGITS || digits == 0 || !isSpace(line.charAt(digits - 1))) {
            return false;
        }
        long weight = 0;
        for (int i = digits; i < end; i++) {
            weight = weight * 10 + (line.charAt(i) - '0');
            // 19 digits stay below 2^64, so an overflow always shows as a negative value
            if (weight < 0) {
                return false;
            }
        }
        int stackEnd = digits - 1;
        while (stackEnd > 0 && isSpace(line.charAt(stackEnd - 1))) {
            stackEnd--;
        }
        if (stackEnd == 0) {
            return false;
        }
        sink.accept(line.substring(0, stackEnd), weight);
        return true;
    }

    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
