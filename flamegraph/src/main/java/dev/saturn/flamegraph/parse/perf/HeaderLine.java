package dev.saturn.flamegraph.parse.perf;

import static dev.saturn.flamegraph.parse.perf.PerlBytes.isDigit;
import static dev.saturn.flamegraph.parse.perf.PerlBytes.isSpace;

/**
 * The first line of a sample, {@code comm pid/tid [cpu] time: period event:}, matched as
 * stackcollapse-perf.pl's two regexes match it, without a regex. One instance is reused for every
 * header of a parse: the fields hold the positions found by the last {@link #match}.
 *
 * <p>Deliberate differences: a one-character process name is accepted (FlameGraph #259, #327),
 * where the Perl regex needs two characters and then swallows the pid and time into the name; and a
 * header that goes on after its event with a frame, {@code comm pid time: period event:  addr sym (dso)},
 * as perf script prints samples recorded without {@code -g}, gives that frame (the Perl script, none).
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
     * Where the one frame of a sample recorded without call chains ({@code perf record} without
     * {@code -g}) starts, on the header line itself after the event: -1 when none.
     */
    int frameFrom;

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
                    int idsEnd = tidFrom >= 0 ? tidTo : pidTo;
                    event(b, from, to);
                    frameFrom = -1;
                    if (eventFrom < 0) {
                        inlineFrame(b, idsEnd, to);
                    }
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

    /**
     * {@code \s+(\[\d+\]\s+)?(\d+\.\d+:\s+)?(\d+\s+)?(\S*[^\s\d]\S*):\s+[0-9a-fA-F]+\s.*}: the event, its
     * period and where the frame starts; whether the frame is one is for {@link FrameLine} to say.
     */
    private void inlineFrame(byte[] b, int p, int to) {
        int i = skipSpace(b, p, to);
        if (i < to && b[i] == '[') {
            int d = digitsFrom(b, i + 1, to);
            if (d > i + 1 && d < to && b[d] == ']') {
                i = skipSpace(b, d + 1, to);
            }
        }
        int d = digitsFrom(b, i, to);
        if (d > i && d < to && b[d] == '.') {
            int f = digitsFrom(b, d + 1, to);
            if (f > d + 1 && f < to && b[f] == ':') {
                i = skipSpace(b, f + 1, to);
            }
        }
        int pFrom = i;
        int pTo = digitsFrom(b, i, to);
        if (pTo > pFrom && pTo < to && isSpace(b[pTo])) {
            i = skipSpace(b, pTo, to);
        } else {
            pFrom = -1;
        }
        int word = i;
        while (i < to && !isSpace(b[i])) {
            i++;
        }
        if (i - word < 2 || b[i - 1] != ':' || i == to) {
            return;
        }
        int frame = skipSpace(b, i, to);
        int hex = frame;
        while (hex < to && isHexDigit(b[hex])) {
            hex++;
        }
        if (hex == frame || hex == to || !isSpace(b[hex])) {
            return;
        }
        eventFrom = word;
        eventTo = i - 1;
        if (pFrom >= 0) {
            periodFrom = pFrom;
            periodTo = pTo;
        }
        frameFrom = frame;
    }

    private static int skipSpace(byte[] b, int p, int to) {
        while (p < to && isSpace(b[p])) {
            p++;
        }
        return p;
    }

    private static int digitsFrom(byte[] b, int p, int to) {
        while (p < to && isDigit(b[p])) {
            p++;
        }
        return p;
    }

    private static boolean isHexDigit(byte c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
