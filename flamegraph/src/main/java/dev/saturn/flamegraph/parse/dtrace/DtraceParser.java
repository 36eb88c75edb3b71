package dev.saturn.flamegraph.parse.dtrace;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.Latin1Lines;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregated stacks as DTrace prints them ({@code dtrace -n 'profile-997 { @[stack()] = count(); }'}) or as
 * SystemTap scripts print them ({@code print_backtrace()} then the count): frame lines leaf first, then a line
 * holding only the count. Rules of FlameGraph's stackcollapse.pl for DTrace and stackcollapse-stap.pl for
 * SystemTap, with one difference: stackcollapse.pl drops the first three lines whatever they are, saturn
 * drops them only when they are DTrace's probe header ({@code CPU     ID    FUNCTION:NAME}), so that the
 * output of {@code dtrace -q} loses no frame.
 */
public final class DtraceParser implements StackParser {
    private static final int DTRACE_HEADER_LINES = 3;

    private final FrameRule rule;

    /** How each format's frame lines become names. */
    public enum FrameRule {
        /** stackcollapse.pl: {@code module`func+0x1c} to {@code module`func}, C++ arguments cut, Java's 'L' dropped, {@code ->} inlining. */
        DTRACE,
        /** stackcollapse-stap.pl: {@code 0xffffffff8105d0a0 : native_safe_halt+0x10/0x20 [kernel]} to {@code native_safe_halt}. */
        STAP
    }

    public DtraceParser(FrameRule rule) {
        this.rule = rule;
    }

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        Latin1Lines lines = new Latin1Lines(in);
        List<String> leafFirst = new ArrayList<>();
        long stacks = 0;
        long invalid = 0;
        long firstInvalid = 0;
        int skip = 0;
        for (String line; (line = lines.next()) != null; ) {
            if (lines.number() == 1 && rule == FrameRule.DTRACE && isProbeHeader(line)) {
                skip = DTRACE_HEADER_LINES;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            if (lines.tooLong()) {
                if (invalid++ == 0) {
                    firstInvalid = lines.number();
                }
                continue;
            }
            long count = count(line);
            if (count >= 0) {
                if (!leafFirst.isEmpty()) {
                    sink.accept(join(leafFirst), count);
                    stacks++;
                }
                leafFirst.clear();
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (rule == FrameRule.DTRACE) {
                addDtrace(line, leafFirst);
            } else {
                leafFirst.add(stapName(line));
            }
        }
        return new ParseStats(invalid, firstInvalid, stacks);
    }

    /** {@code CPU     ID                    FUNCTION:NAME}. */
    static boolean isProbeHeader(String line) {
        String t = line.strip();
        return t.startsWith("CPU") && t.endsWith("FUNCTION:NAME");
    }

    /** {@code ^\s*(\d+)+$}: the count that closes a stack, else -1. */
    static long count(String line) {
        int i = 0;
        while (i < line.length() && isSpace(line.charAt(i))) {
            i++;
        }
        int digits = i;
        long n = 0;
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (line.charAt(i) - '0');
            i++;
        }
        return i > digits && i == line.length() ? n : -1;
    }

    private static void addDtrace(String line, List<String> leafFirst) {
        String frame = stripLeadingSpace(line);
        frame = stripOffset(frame);
        frame = cutCppArguments(frame);
        if (frame.isEmpty()) {
            frame = "-";
        }
        // the inlined parts of one line come caller first, before the frames already read (callees)
        List<String> inline = new ArrayList<>();
        for (String part : splitArrows(frame)) {
            String func = part.replace(';', ':');
            if (func.startsWith("L")) {
                func = func.substring(1);
            }
            inline.add(inline.isEmpty() ? func : func + "_[i]");
        }
        for (int i = inline.size() - 1; i >= 0; i--) {
            leafFirst.add(inline.get(i));
        }
    }

    /** stackcollapse-stap.pl: blanks, the offset from the last '+', everything up to the last " : " go. */
    private static String stapName(String line) {
        String frame = stripOffset(stripLeadingSpace(line));
        int sep = frame.lastIndexOf(" : ");
        if (sep >= 0) {
            frame = frame.substring(sep + 3);
        }
        return frame.isEmpty() ? "-" : frame;
    }

    /** {@code s/\+[^+]*$//}: from the last '+' to the end. */
    private static String stripOffset(String frame) {
        int plus = frame.lastIndexOf('+');
        return plus >= 0 ? frame.substring(0, plus) : frame;
    }

    /** Perl's {@code s/(::.*)[(<].*}{@code /$1/}: after the first "::", from the last ( or < on. */
    private static String cutCppArguments(String frame) {
        int colons = frame.indexOf("::");
        if (colons < 0) {
            return frame;
        }
        int cut = Math.max(frame.lastIndexOf('('), frame.lastIndexOf('<'));
        return cut >= colons + 2 ? frame.substring(0, cut) : frame;
    }

    /** Perl's {@code split /->/}: trailing empty fields dropped. */
    private static List<String> splitArrows(String frame) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = frame.indexOf("->"); i >= 0; i = frame.indexOf("->", from)) {
            parts.add(frame.substring(from, i));
            from = i + 2;
        }
        parts.add(frame.substring(from));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    private static String stripLeadingSpace(String line) {
        int i = 0;
        while (i < line.length() && isSpace(line.charAt(i))) {
            i++;
        }
        return line.substring(i);
    }

    private static String join(List<String> leafFirst) {
        StringBuilder b = new StringBuilder();
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            b.append(leafFirst.get(i));
            if (i > 0) {
                b.append(';');
            }
        }
        return b.toString();
    }

    /** Perl's {@code \s}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
