package dev.saturn.flamegraph.input;

/**
 * The two perf script line shapes that format detection looks for, matched by hand: each method
 * answers exactly what {@code Pattern.compile(regex).matcher(line).matches()} answers for the regex
 * in its comment (PerfLineShapeTest checks that on random lines). java.util.regex would bring up
 * the method-handle machinery for its lambdas and run interpreted: some 10 ms of a 150 ms command.
 * White space is regex {@code \s}, {@code [ \t\n\x0B\f\r]}.
 */
final class PerfLineShape {
    private PerfLineShape() {
    }

    /**
     * A sample header, {@code comm pid[/tid] [cpu] [time:] [period] event:}:
     * {@code \s*[^\s;][^;]*?\s\d+(/\d+)?\s+(\[\d+\]\s+)?(\d+\.\d+:\s+)?(\d+\s+)?\S+:(\s.*)?}.
     */
    static boolean header(String s) {
        int i = 0;
        int end = s.length();
        while (i < end && space(s.charAt(i))) {
            i++;
        }
        if (i == end || s.charAt(i) == ';') {
            return false;
        }
        // the command name runs to some white space before a number, and holds no ';'
        for (int q = i + 1; q < end; q++) {
            char c = s.charAt(q);
            if (space(c) && afterCommand(s, q + 1)) {
                return true;
            }
            if (c == ';') {
                return false;
            }
        }
        return false;
    }

    /** A frame line, {@code <hex address> symbol}: {@code \s*[0-9a-fA-F]+\s+\S.*}. */
    static boolean frame(String s) {
        int end = s.length();
        int i = skipSpace(s, 0);
        int hex = i;
        while (i < end && hexDigit(s.charAt(i))) {
            i++;
        }
        if (i == hex) {
            return false;
        }
        int afterHex = i;
        i = skipSpace(s, i);
        if (i == afterHex || i == end) {
            return false;
        }
        return anyToEnd(s, i + 1);
    }

    /** {@code \d+(/\d+)?\s+(\[\d+\]\s+)?(\d+\.\d+:\s+)?(\d+\s+)?\S+:(\s.*)?} on s[p, end). */
    private static boolean afterCommand(String s, int p) {
        int i = digits(s, p);
        if (i == p) {
            return false;
        }
        if (i < s.length() && s.charAt(i) == '/') {
            int tid = digits(s, i + 1);
            if (tid == i + 1) {
                return false;
            }
            i = tid;
        }
        int afterPid = i;
        i = skipSpace(s, i);
        if (i == afterPid) {
            return false;
        }
        // Each quantifier matches as much as it can (what follows cannot start with what it would
        // give back), so the only choices left are whether each optional group is taken.
        for (int taken = 0; taken < 8; taken++) {
            int q = i;
            if ((taken & 1) != 0) {
                q = cpu(s, q);
            }
            if ((taken & 2) != 0) {
                q = time(s, q);
            }
            if ((taken & 4) != 0) {
                q = period(s, q);
            }
            if (q >= 0 && event(s, q)) {
                return true;
            }
        }
        return false;
    }

    /** {@code \[\d+\]\s+}: the end, or -1. */
    private static int cpu(String s, int p) {
        if (p < 0 || p >= s.length() || s.charAt(p) != '[') {
            return -1;
        }
        int i = digits(s, p + 1);
        if (i == p + 1 || i >= s.length() || s.charAt(i) != ']') {
            return -1;
        }
        return spaces(s, i + 1);
    }

    /** {@code \d+\.\d+:\s+}: the end, or -1. */
    private static int time(String s, int p) {
        if (p < 0) {
            return -1;
        }
        int i = digits(s, p);
        if (i == p || i >= s.length() || s.charAt(i) != '.') {
            return -1;
        }
        int j = digits(s, i + 1);
        if (j == i + 1 || j >= s.length() || s.charAt(j) != ':') {
            return -1;
        }
        return spaces(s, j + 1);
    }

    /** {@code \d+\s+}: the end, or -1. */
    private static int period(String s, int p) {
        if (p < 0) {
            return -1;
        }
        int i = digits(s, p);
        return i == p ? -1 : spaces(s, i);
    }

    /** {@code \S+:(\s.*)?} to the end: some ':' in a run of non-space, then the end or a space and a rest without line breaks. */
    private static boolean event(String s, int p) {
        int end = s.length();
        if (p >= end || space(s.charAt(p))) {
            return false;
        }
        for (int k = p + 1; k < end && !space(s.charAt(k)); k++) {
            if (s.charAt(k) == ':' && (k + 1 == end || space(s.charAt(k + 1)) && anyToEnd(s, k + 2))) {
                return true;
            }
        }
        return false;
    }

    /** {@code \s+}: the end, or -1 when there is none. */
    private static int spaces(String s, int p) {
        int i = skipSpace(s, p);
        return i == p ? -1 : i;
    }

    private static int skipSpace(String s, int p) {
        int i = p;
        while (i < s.length() && space(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int digits(String s, int p) {
        int i = p;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** {@code .*} to the end: no line terminator ({@code \n \r \u0085 \u2028 \u2029}) in s[p, end). */
    private static boolean anyToEnd(String s, int p) {
        for (int i = p; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean hexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
