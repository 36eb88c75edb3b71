package dev.saturn.collectors.proc;

/**
 * A hand parser of /proc/PID/stat over a reused byte buffer: the process walk reads one per process per sample, and
 * splitting 52 fields into strings cost more than the read. "pid (comm) S ppid ...": comm may hold spaces and
 * parentheses, so the fields start after the last ')'.
 */
final class ProcStatParser {
    /** Field indexes after comm: state is 0. */
    private static final int MAJFLT = 9;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;
    private static final int NUM_THREADS = 17;
    private static final int STARTTIME = 19;
    private static final int RSS = 21;
    private static final int BLKIO_TICKS = 39;

    private ProcStatParser() {
    }

    static ProcessSample parse(byte[] b, int length, long pageSize) {
        return parse(b, length, pageSize, null);
    }

    /**
     * The same; where every field equals {@code previous}'s (the same process, idle), {@code previous} itself, and
     * its name where unchanged: a walk rereads 2,000 idle processes' stats, and new objects for them all, kept
     * seconds, filled the agent's small old generation.
     */
    static ProcessSample parse(byte[] b, int length, long pageSize, ProcessSample previous) {
        int open = -1;
        for (int i = 0; i < length; i++) {
            if (b[i] == '(') {
                open = i;
                break;
            }
        }
        int close = -1;
        for (int i = length - 1; i > open; i--) {
            if (b[i] == ')') {
                close = i;
                break;
            }
        }
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("no (comm)");
        }
        int pid = (int) number(b, 0, open);
        String comm = previous != null && sameName(b, open + 1, close, previous.comm()) ? previous.comm()
                : new String(b, open + 1, close - open - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
        int i = close + 1;
        int field = -1;
        char state = '?';
        long majflt = 0;
        long utime = 0;
        long stime = 0;
        long children = 0;
        long threads = 1;
        long start = 0;
        long rss = 0;
        long blkio = 0;
        while (i < length && field < BLKIO_TICKS) {
            while (i < length && b[i] == ' ') {
                i++;
            }
            if (i >= length || b[i] == '\n') {
                break;
            }
            field++;
            int from = i;
            while (i < length && b[i] != ' ' && b[i] != '\n') {
                i++;
            }
            switch (field) {
                case 0 -> state = (char) b[from];
                case MAJFLT -> majflt = number(b, from, i);
                case UTIME -> utime = number(b, from, i);
                case STIME -> stime = number(b, from, i);
                case CUTIME, CSTIME -> children += number(b, from, i);
                case NUM_THREADS -> threads = number(b, from, i);
                case STARTTIME -> start = number(b, from, i);
                case RSS -> rss = number(b, from, i);
                case BLKIO_TICKS -> blkio = number(b, from, i);
                default -> {
                }
            }
        }
        if (field < STIME) {
            throw new IllegalArgumentException("only " + (field + 1) + " fields after comm");
        }
        if (previous != null && previous.pid() == pid && previous.comm() == comm && previous.state() == state
                && previous.cpuTicks() == utime + stime && previous.majorFaults() == majflt && previous.threads() == threads
                && previous.rssBytes() == rss * pageSize && previous.startTicks() == start && previous.blkioTicks() == blkio
                && previous.childTicks() == children) {
            return previous;
        }
        return new ProcessSample(pid, comm, state, utime + stime, majflt, (int) threads, rss * pageSize, start, blkio, children, null);
    }

    /** Whether bytes {@code from} to {@code to} spell {@code name} (ISO-8859-1: a byte a char). */
    private static boolean sameName(byte[] b, int from, int to, String name) {
        if (name.length() != to - from) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != (char) (b[from + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    /** A decimal number between {@code from} and {@code to}, spaces around it skipped; a '-' makes it negative. */
    private static long number(byte[] b, int from, int to) {
        long v = 0;
        boolean negative = false;
        boolean digits = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                digits = true;
            } else if (c == '-' && !digits) {
                negative = true;
            } else if (c != ' ') {
                throw new IllegalArgumentException("not a number: " + new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        if (!digits) {
            throw new IllegalArgumentException("no number");
        }
        return negative ? -v : v;
    }
}
