package dev.saturn.collectors.proc;

import dev.saturn.collectors.Unavailable;

/**
 * A kernel file of named counters: "Name: value [kB]" or "name value" lines (/proc/meminfo, /proc/vmstat),
 * or paired "Proto: Name1 Name2" / "Proto: 1 2" lines (/proc/net/snmp, /proc/net/netstat, keyed
 * "Proto.Name"). The text is kept and a counter is found when asked for: a sample asks for a few dozen of
 * the several hundred counters these files hold, and a map of them all was most of what a sample allocated.
 * Lookups of a missing name, or of a value that is not a number (a truncated last line), say which file
 * lacked it, so the empty cell explains itself.
 */
public final class KeyValueTable {
    private final String source;
    private final String text;
    private final boolean paired;

    private KeyValueTable(String source, String text, boolean paired) {
        this.source = source;
        this.text = text;
        this.paired = paired;
    }

    public String source() {
        return source;
    }

    /** "Name: value [kB]" or "name value" lines; at least one of them must hold a number. */
    public static KeyValueTable parse(String source, String text) {
        KeyValueTable table = new KeyValueTable(source, text, false);
        for (int line = 0; line < text.length(); line = nextLine(text, line)) {
            int keyEnd = tokenEnd(text, line);
            if (keyEnd > line && number(text, skipBlanks(text, keyEnd)) != null) {
                return table;
            }
        }
        throw new IllegalArgumentException("no counters");
    }

    /** Paired header and value lines, each pair naming the same protocol. */
    public static KeyValueTable parsePaired(String source, String text) {
        int pairs = 0;
        int header = 0;
        int lineNumber = 1;
        while (header < text.length()) {
            int values = nextLine(text, header);
            if (values >= text.length()) {
                break;
            }
            int protocolEnd = text.indexOf(':', header);
            if (protocolEnd < 0 || protocolEnd >= values
                    || !text.regionMatches(header, text, values, protocolEnd - header + 1)) {
                throw new IllegalArgumentException("header and value lines do not pair at line " + lineNumber);
            }
            pairs++;
            header = nextLine(text, values);
            lineNumber += 2;
        }
        if (pairs == 0) {
            throw new IllegalArgumentException("no counters");
        }
        return new KeyValueTable(source, text, true);
    }

    public long get(String name) {
        Long value = paired ? pairedValue(name) : value(name);
        if (value == null) {
            throw new Unavailable(name + " is missing from " + source);
        }
        return value;
    }

    public boolean has(String name) {
        return (paired ? pairedValue(name) : value(name)) != null;
    }

    /** Sum of every counter whose name starts with the prefix, for families like pgscan_direct_*. */
    public long sumWithPrefix(String prefix, String excluded) {
        long sum = 0;
        boolean any = false;
        for (int line = 0; line < text.length(); line = nextLine(text, line)) {
            if (!text.startsWith(prefix, line)) {
                continue;
            }
            int keyEnd = keyEnd(text, line);
            if (excluded != null && keyEnd - line == excluded.length() && text.startsWith(excluded, line)) {
                continue;
            }
            Long value = number(text, skipBlanks(text, tokenEnd(text, line)));
            if (value != null) {
                sum += value;
                any = true;
            }
        }
        if (!any) {
            throw new Unavailable(prefix + "* is missing from " + source);
        }
        return sum;
    }

    /** A counter of an unpaired table, as {@link #forEach} hands it over; {@code kB} when the line ends in "kB". */
    public interface Entry {
        void accept(String name, long value, boolean kB);
    }

    /** Every "Name: value [kB]" or "name value" line that holds a number, in the file's order. */
    public void forEach(Entry entry) {
        if (paired) {
            throw new IllegalStateException(source + " is a paired table: ask for Proto.Name");
        }
        for (int line = 0; line < text.length(); line = nextLine(text, line)) {
            int keyEnd = keyEnd(text, line);
            int valueAt = skipBlanks(text, tokenEnd(text, line));
            Long value = number(text, valueAt);
            if (keyEnd > line && value != null) {
                int unit = skipBlanks(text, tokenEnd(text, valueAt));
                entry.accept(text.substring(line, keyEnd), value, text.startsWith("kB", unit));
            }
        }
    }

    private Long value(String name) {
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            if ((at == 0 || text.charAt(at - 1) == '\n') && keyEnd(text, at) == at + name.length()) {
                return number(text, skipBlanks(text, tokenEnd(text, at)));
            }
        }
        return null;
    }

    private Long pairedValue(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        int header = 0;
        while (header < text.length()) {
            int values = nextLine(text, header);
            if (header + dot < text.length() && text.startsWith(name.substring(0, dot), header) && text.charAt(header + dot) == ':') {
                int index = tokenIndex(text, header + dot + 1, values, name, dot + 1);
                return index < 0 ? null : number(text, nthToken(text, values + dot + 1, index));
            }
            header = nextLine(text, values);
        }
        return null;
    }

    /** Which blank-separated token between from and end equals name[nameFrom..]: 0 for the first, -1 if none. */
    private static int tokenIndex(String text, int from, int end, String name, int nameFrom) {
        int length = name.length() - nameFrom;
        int index = 0;
        for (int at = skipBlanks(text, from); at < end && text.charAt(at) != '\n'; at = skipBlanks(text, tokenEnd(text, at))) {
            if (tokenEnd(text, at) - at == length && text.regionMatches(at, name, nameFrom, length)) {
                return index;
            }
            index++;
        }
        return -1;
    }

    private static int nthToken(String text, int from, int n) {
        int at = skipBlanks(text, from);
        for (int i = 0; i < n && at < text.length() && text.charAt(at) != '\n'; i++) {
            at = skipBlanks(text, tokenEnd(text, at));
        }
        return at;
    }

    /** The decimal number at {@code at}, ending at a blank or the line's end; null if there is none. */
    private static Long number(String text, int at) {
        int end = tokenEnd(text, at);
        if (end == at) {
            return null;
        }
        try {
            return Long.parseLong(text, at, end, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int keyEnd(String text, int line) {
        int end = tokenEnd(text, line);
        return end > line && text.charAt(end - 1) == ':' ? end - 1 : end;
    }

    private static int tokenEnd(String text, int at) {
        while (at < text.length() && !isBlank(text.charAt(at)) && text.charAt(at) != '\n') {
            at++;
        }
        return at;
    }

    private static int skipBlanks(String text, int at) {
        while (at < text.length() && isBlank(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int nextLine(String text, int at) {
        int newline = text.indexOf('\n', at);
        return newline < 0 ? text.length() : newline + 1;
    }
}
