package dev.saturn.flamegraph.parse.perf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Which event's samples a parse keeps: the one named by {@code --event-filter}, else the first
 * seen, since adding up cycles and instructions would mean nothing. Chosen once, then only read
 * (the parser goes parallel only after the choice).
 */
final class EventChoice {
    private byte[] wanted;
    private final boolean defaulted;

    EventChoice(String filter) {
        this.defaulted = filter == null || filter.isEmpty();
        this.wanted = defaulted ? null : filter.getBytes(StandardCharsets.ISO_8859_1);
    }

    boolean chosen() {
        return wanted != null;
    }

    /** True when no filter was given and the first event seen became the filter. */
    boolean defaulted() {
        return defaulted;
    }

    String wanted() {
        return wanted == null ? null : new String(wanted, StandardCharsets.ISO_8859_1);
    }

    /**
     * Chooses the event of the first sample header in the whole lines {@code b[0, length)}, as
     * reading them in order would, so that later chunks can be read apart; no choice when none.
     */
    void chooseFirstIn(byte[] b, int length) {
        HeaderLine header = new HeaderLine();
        for (int ls = 0; ls < length && wanted == null;) {
            int le = ls;
            while (b[le] != '\n') {
                le++;
            }
            int end = le > ls && b[le - 1] == '\r' ? le - 1 : le;
            int s = ls;
            while (s < end && PerlBytes.isSpace(b[s])) {
                s++;
            }
            // a header led by blanks counts only with its frame on the line (perf record without -g)
            if (s < end && b[s] != '#' && header.match(b, s, end) && header.eventFrom >= 0 && (s == ls || header.frameFrom >= 0)) {
                wanted = Arrays.copyOfRange(b, header.eventFrom, header.eventTo);
            }
            ls = le + 1;
        }
    }

    /** Whether a sample of event {@code b[from, to)} is kept; the first one seen decides by default. */
    boolean keep(byte[] b, int from, int to) {
        if (wanted == null) {
            wanted = Arrays.copyOfRange(b, from, to);
            return true;
        }
        return Arrays.equals(wanted, 0, wanted.length, b, from, to);
    }
}
