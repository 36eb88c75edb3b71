package dev.saturn.flamegraph.parse.perf;

import static dev.saturn.flamegraph.parse.perf.PerlBytes.isSpace;
import static dev.saturn.flamegraph.parse.perf.PerlBytes.isWord;

/**
 * A stack line, {@code addr symbol+off (module)}, matched as stackcollapse-perf.pl's
 * {@code ^\s*(\w+)\s*(.+) \((.*)\)} matches it, backtracking included: the symbol runs to the last
 * {@code " ("} that a {@code ")"} follows, the module to the last {@code ")"}. Reused; the fields
 * hold the positions found by the last {@link #match}.
 */
final class FrameLine {
    int pcFrom;
    int pcTo;
    int symbolFrom;
    int symbolTo;
    int moduleFrom;
    int moduleTo;

    boolean match(byte[] b, int from, int to) {
        int s = from;
        while (s < to && isSpace(b[s])) {
            s++;
        }
        int w = s;
        while (w < to && isWord(b[w])) {
            w++;
        }
        if (w == s) {
            return false;
        }
        int close = to - 1;
        while (close >= from && b[close] != ')') {
            close--;
        }
        int open = close - 2;
        while (open >= from && !(b[open] == ' ' && b[open + 1] == '(')) {
            open--;
        }
        if (open < from) {
            return false;
        }
        int t = w;
        while (t < to && isSpace(b[t])) {
            t++;
        }
        // The regex gives back blanks, then address characters, until the symbol is not empty.
        int symbol = Math.min(t, open - 1);
        if (symbol < s + 1) {
            return false;
        }
        pcFrom = s;
        pcTo = Math.min(w, symbol);
        symbolFrom = symbol;
        symbolTo = open;
        moduleFrom = open + 2;
        moduleTo = close;
        return true;
    }
}
