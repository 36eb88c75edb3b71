package dev.saturn.flamegraph.parse.perf;

import static dev.saturn.flamegraph.parse.perf.PerlBytes.isDigit;
import static dev.saturn.flamegraph.parse.perf.PerlBytes.isSpace;

/**
 * The first line of a sample, {@code comm pid/tid [cpu] time: period event:}, matched as
 * stackcollapse-perf.pl's two regexes match it, without a regex. One instance is reused for every
 * header of a parse: the fields hold the positions found by the last {@link #match}.
 *
 * <p>One deliberate difference: a one-character process name is accepted (FlameGraph #259, #327),
 * where the Perl regex needs two characters and then swallows the pid and time into the name.
 */
final class HeaderLine {
    int commEnd;
    int pidFrom;
    int pidTo;
    /** -1 when the line has no {@code /tid}. */
    int tidFrom;
    int tidTo;
    /** -1 when the line names no event ({@code ...: [period] event:} at its end). */
    int eventFrom;
    int eventTo;
    /** -1 when the event has no period before it. */
    int periodFrom;
    int periodTo;

    /**
     * {@code ^(\S.*?)\s+(\d+)\/*(\d+)*\s+}: the process name is the shortest prefix followed by
     * blanks, digits, optional slashes and digits, and a blank; then the event part.
     */
    boolean match(byte[] b, int from, int to) {
        if (from >= to || isSpace(b[from])) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            if (isSpace(b[i])) {
                if (ids(b, i, to)) {
                    commEnd = i;
                    event(b, from, to);
                    return true;
                }
                // Every start in this run of blanks reaches the same digits: skip it (no quadratic time).
                while (i + 1 < to && isSpace(b[i + 1])) {
                    i++;
                }
            }
        }
        return false;
    }

    private boolean ids(byte[] b, int i, int to) {
        int j = i;
        while (j < to && isSpace(b[j])) {
            j++;
        }
        int digits = j;
        while (j < to && isDigit(b[j])) {
            j++;
        }
        if (j == digits) {
            return false;
        }
        pidFrom = digits;
        pidTo = j;
        while (j < to && b[j] == '/') {
            j++;
        }
        int tid = j;
        while (j < to && isDigit(b[j])) {
            j++;
        }
        tidFrom = j > tid ? tid : -1;
        tidTo = j;
        return j < to && isSpace(b[j]);
    }

    /**
     * {@code :\s*(\d+)*\s+(\S+):\s*$}: the last word ends in a colon and is the event; before it,
     * after the previous colon, only blanks and an optional period.
     */
    private void event(byte[] b, int from, int to) {
        eventFrom = -1;
        periodFrom = -1;
        int end = to;
        while (end > from && isSpace(b[end - 1])) {
            end--;
        }
        if (end == from || b[end - 1] != ':') {
            return;
        }
        int colon = end - 1;
        int word = colon;
        while (word > from && !isSpace(b[word - 1])) {
            word--;
        }
        if (word == colon || word == from) {
            return;
        }
        int blanks = word;
        while (blanks > from && isSpace(b[blanks - 1])) {
            blanks--;
        }
        int digits = blanks;
        while (digits > from && isDigit(b[digits - 1])) {
            digits--;
        }
        int before = digits;
        if (digits < blanks) {
            while (before > from && isSpace(b[before - 1])) {
                before--;
            }
        }
        if (before == from || b[before - 1] != ':') {
            return;
        }
        eventFrom = word;
        eventTo = colon;
        if (digits < blanks) {
            periodFrom = digits;
            periodTo = blanks;
        }
    }
}
