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
 *   <li>JFR: the chunk magic {@code FLR\0}.
 *   <li>PPROF: protobuf in the shape of profile.proto, gzip'd or not ({@link PprofShape}).
 *   <li>JSTACK: a thread header ({@code "name" #12 ... nid=0x1f03 ...}), a
 *       {@code Full thread dump} line or a {@code java.lang.Thread.State:} line.
 *   <li>PERF: a sample header ({@code comm pid[/tid] [cpu] [time:] [period] event:}) followed by a
 *       frame line ({@code <hex address> symbol}), or headers on at least half the lines (perf
 *       script without call chains).
 *   <li>FOLDED: at least 90 % of the lines end in white space and a number
 *       ({@code frame;frame;leaf 12}; differential and fractional lines count too).
 * </ol>
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
        if (length >= JFR_MAGIC.length && Arrays.equals(head, 0, JFR_MAGIC.length, JFR_MAGIC, 0, JFR_MAGIC.length)) {
            return StackFormat.JFR;
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
        }
        if (perfHeaders > 0 && (perfStacks > 0 || perfHeaders * 2 >= considered)) {
            return StackFormat.PERF;
        }
        if (folded > 0 && folded * 10 >= considered * 9) {
            return StackFormat.FOLDED;
        }
        return StackFormat.UNKNOWN;
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
