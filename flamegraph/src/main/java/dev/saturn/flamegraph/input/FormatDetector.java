package dev.saturn.flamegraph.input;

import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.pprof.PprofShape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tells a stack format from the start of an input. Rules, first match wins:
 * <ol>
 *   <li>JFR: the chunk magic {@code FLR\0}. (Binary formats are told by their magic here, first.)
 *   <li>PPROF: protobuf in the shape of profile.proto, gzip'd or not ({@link PprofShape}).
 *   <li>CPUPROFILE: a JSON object ({@code {} first) whose start holds {@code "callFrame"}, or
 *       {@code "head"} and {@code "functionName"} (the older nested form).
 *   <li>JSTACK: a thread header ({@code "name" #12 ... nid=0x1f03 ...}), a
 *       {@code Full thread dump} line or a {@code java.lang.Thread.State:} line.
 *   <li>PERF: a sample header ({@code comm pid[/tid] [cpu] [time:] [period] event:}) followed by a
 *       frame line ({@code <hex address> symbol}), or headers on at least half the lines (perf
 *       script without call chains).
 *   <li>BPFTRACE: a map's opening line ({@code @[} or {@code @name[}) and a closing one
 *       ({@code ]: 12}), or one-line entries ({@code @[key]: 12}) on at least half the lines.
 *   <li>BCC: a process line ({@code -                comm (pid)}) followed by a count line.
 *   <li>STAP: a SystemTap frame ({@code 0xffffffff8105d0a0 : name+0x10/0x20 [kernel]}) and a count line.
 *   <li>DTRACE: DTrace's probe header ({@code CPU  ID  FUNCTION:NAME}), or a count line and an
 *       indented {@code module`function} frame, or count lines and indented frames on at least 90 %
 *       of the lines.
 *   <li>FOLDED: at least 90 % of the lines end in white space and a number
 *       ({@code frame;frame;leaf 12}; differential and fractional lines count too).
 * </ol>
 * A count line holds only a number, indented or not.
 * Blank lines and {@code #} comments are ignored; at most {@value #MAX_LINES} complete lines are
 * looked at, in the first {@value #HEAD_BYTES} bytes, or up to {@value #MAX_HEAD_BYTES} when the
 * first line is longer. Anything else is {@link StackFormat#UNKNOWN}.
 */
public final class FormatDetector {
    public static final int HEAD_BYTES = 64 * 1024;
    public static final int MAX_HEAD_BYTES = 4 << 20;
    static final int MAX_LINES = 200;
    // perf's header fields come first; a cut keeps the matching small on long lines
    private static final int MAX_HEADER_CHARS = 300;

    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};

    private FormatDetector() {}

    /** The format of a whole input held in memory. */
    public static StackFormat detect(byte[] input) {
        return detect(input, input.length, true);
    }

    /**
     * The format of an input from its first {@code length} bytes; {@code complete} says whether
     * they are all of it, so that a last line without '\n' is a line rather than a cut one.
     */
    public static StackFormat detect(byte[] head, int length, boolean complete) {
        StackFormat binary = binaryFormat(head, length);
        if (binary != StackFormat.UNKNOWN) {
            return binary;
        }
        if (isCpuProfile(head, length)) {
            return StackFormat.CPUPROFILE;
        }
        if (PprofShape.matches(head, length)) {
            return StackFormat.PPROF;
        }
        int end = length;
        if (!complete) {
            while (end > 0 && head[end - 1] != '\n') {
                end--;
            }
        }
        String[] lines = new String(head, 0, end, StandardCharsets.ISO_8859_1).split("\n", MAX_LINES + 1);
        int considered = 0;
        int folded = 0;
        int perfHeaders = 0;
        int perfStacks = 0;
        boolean afterPerfHeader = false;
        int countLines = 0;
        int indented = 0;
        int backtickFrames = 0;
        int stapFrames = 0;
        int bpftraceOpens = 0;
        int bpftraceCloses = 0;
        int bpftraceEntries = 0;
        int bccStacks = 0;
        boolean afterBccProcess = false;
        boolean dtraceHeader = false;
        for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                afterPerfHeader = false;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            considered++;
            if (isJstack(line)) {
                return StackFormat.JSTACK;
            }
            String shortLine = line.length() > MAX_HEADER_CHARS ? line.substring(0, MAX_HEADER_CHARS) : line;
            if (afterPerfHeader && PerfLineShape.frame(shortLine)) {
                perfStacks++;
                afterPerfHeader = false;
            } else if (PerfLineShape.header(shortLine)) {
                perfHeaders++;
                afterPerfHeader = true;
            } else {
                afterPerfHeader = false;
            }
            if (endsWithCount(line)) {
                folded++;
            }
            boolean count = isCountLine(line);
            if (count) {
                countLines++;
                if (afterBccProcess) {
                    bccStacks++;
                }
            }
            afterBccProcess = false;
            if (considered == 1 && isDtraceHeader(line)) {
                dtraceHeader = true;
            }
            if (!count && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                indented++;
                String frame = line.strip();
                if (isBccProcess(frame)) {
                    afterBccProcess = true;
                } else if (isStapFrame(frame)) {
                    stapFrames++;
                } else if (frame.indexOf('`') > 0) {
                    backtickFrames++;
                }
            }
            int open = mapOpen(line);
            if (open >= 0) {
                String rest = line.substring(open).strip();
                if (rest.isEmpty() || rest.equals(",")) {
                    bpftraceOpens++;
                } else if (closesMap(rest)) {
                    bpftraceEntries++;
                }
            } else if (closesMap(line)) {
                bpftraceCloses++;
            }
        }
        if (perfHeaders > 0 && (perfStacks > 0 || perfHeaders * 2 >= considered)) {
            return StackFormat.PERF;
        }
        if (bpftraceOpens > 0 && bpftraceCloses > 0 || bpftraceEntries > 0 && bpftraceEntries * 2 >= considered) {
            return StackFormat.BPFTRACE;
        }
        if (bccStacks > 0) {
            return StackFormat.BCC;
        }
        if (stapFrames > 0 && countLines > 0) {
            return StackFormat.STAP;
        }
        if (dtraceHeader || countLines > 0 && (backtickFrames > 0 || (countLines + indented) * 10 >= considered * 9)) {
            return StackFormat.DTRACE;
        }
        if (folded > 0 && folded * 10 >= considered * 9) {
            return StackFormat.FOLDED;
        }
        return StackFormat.UNKNOWN;
    }

    /** A format told by its first bytes' magic: JFR; pprof's gzip magic belongs here too. */
    private static StackFormat binaryFormat(byte[] head, int length) {
        if (length >= JFR_MAGIC.length && Arrays.equals(head, 0, JFR_MAGIC.length, JFR_MAGIC, 0, JFR_MAGIC.length)) {
            return StackFormat.JFR;
        }
        return StackFormat.UNKNOWN;
    }

    /** A JSON object whose start names V8's call frames. */
    private static boolean isCpuProfile(byte[] head, int length) {
        int i = 0;
        while (i < length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) {
            i++;
        }
        if (i == length || head[i] != '{') {
            return false;
        }
        String text = new String(head, i, Math.min(length - i, HEAD_BYTES), StandardCharsets.ISO_8859_1);
        return text.contains("\"callFrame\"") || text.contains("\"head\"") && text.contains("\"functionName\"");
    }

    /** A line holding only a number: the count after a DTrace, SystemTap or BCC stack. */
    private static boolean isCountLine(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDtraceHeader(String line) {
        String t = line.strip();
        return t.startsWith("CPU") && t.endsWith("FUNCTION:NAME");
    }

    /** BCC's {@code -                comm (pid)}, stripped. */
    private static boolean isBccProcess(String frame) {
        if (frame.length() < 5 || frame.charAt(0) != '-' || frame.charAt(1) != ' ' || !frame.endsWith(")")) {
            return false;
        }
        int open = frame.lastIndexOf(" (");
        if (open < 2) {
            return false;
        }
        for (int i = open + 2; i < frame.length() - 1; i++) {
            if (frame.charAt(i) < '0' || frame.charAt(i) > '9') {
                return false;
            }
        }
        return open + 2 < frame.length() - 1;
    }

    /** SystemTap's {@code 0xffffffff8105d0a0 : name+0x10/0x20 [kernel]}, stripped. */
    private static boolean isStapFrame(String frame) {
        if (!frame.startsWith("0x")) {
            return false;
        }
        int i = 2;
        while (i < frame.length() && Character.digit(frame.charAt(i), 16) >= 0) {
            i++;
        }
        return i > 2 && frame.startsWith(" : ", i);
    }

    /** After {@code @[} or {@code @name[} at the start of a line, else -1. */
    private static int mapOpen(String line) {
        if (!line.startsWith("@")) {
            return -1;
        }
        int i = 1;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
            i++;
        }
        return i < line.length() && line.charAt(i) == '[' ? i + 1 : -1;
    }

    /** {@code ...]: 12} at the end. */
    private static boolean closesMap(String line) {
        int close = line.lastIndexOf("]: ");
        return close >= 0 && isCountLine(line.substring(close + 3));
    }

    /** The format of a file, from its first bytes. */
    public static StackFormat detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return detectHead(in);
        }
    }

    /**
     * The format of a stream such as standard input, which must support mark and reset (wrap it
     * in a BufferedInputStream): it is reset to its start, ready for the parser, and its mark dropped.
     */
    public static StackFormat detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("format detection needs a stream with mark/reset");
        }
        in.mark(MAX_HEAD_BYTES + 1);
        try {
            return detectHead(in);
        } finally {
            in.reset();
            // The parser needs no way back. A mark still asking for 4 MB would have a
            // BufferedInputStream grow its buffer and pass every later byte through it, a second copy.
            in.mark(0);
        }
    }

    /** The one-line error for {@link StackFormat#UNKNOWN}. */
    public static String cannotTell(String input) {
        return "cannot tell the format of " + input + "; use --format";
    }

    /** Reads {@link #HEAD_BYTES}, or on up to {@link #MAX_HEAD_BYTES} until a line ends. */
    private static StackFormat detectHead(InputStream in) throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        int length = 0;
        boolean newline = false;
        while (true) {
            if (length == head.length) {
                if (newline || head.length >= MAX_HEAD_BYTES) {
                    return detect(head, length, false);
                }
                head = Arrays.copyOf(head, Math.min(head.length * 2, MAX_HEAD_BYTES));
            }
            int n = in.read(head, length, head.length - length);
            if (n < 0) {
                return detect(head, length, true);
            }
            for (int i = length; i < length + n && !newline; i++) {
                newline = head[i] == '\n';
            }
            length += n;
        }
    }

    private static boolean isJstack(String line) {
        if (line.startsWith("Full thread dump ")) {
            return true;
        }
        if (line.charAt(0) == '"') {
            // the first character before the last: lastIndexOf walks the whole line, interpreted at start-up
            int close = line.lastIndexOf('"');
            if (close > 0) {
                String rest = line.substring(close + 1);
                return rest.startsWith(" ") && rest.contains(" nid=");
            }
        }
        return line.strip().startsWith("java.lang.Thread.State: ");
    }

    /** `... 12`, `... 1.5` or `... 3 4`: white space and a number at the end, something before. */
    private static boolean endsWithCount(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        int i = end;
        while (i > 0 && (Character.isDigit(line.charAt(i - 1)) && line.charAt(i - 1) < 0x80 || line.charAt(i - 1) == '.')) {
            i--;
        }
        if (i == end || i == 0 || line.charAt(i) == '.' || (line.charAt(i - 1) != ' ' && line.charAt(i - 1) != '\t')) {
            return false;
        }
        return !line.substring(0, i).isBlank();
    }
}
