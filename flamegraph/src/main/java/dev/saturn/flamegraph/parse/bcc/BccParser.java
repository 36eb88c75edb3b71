package dev.saturn.flamegraph.parse.bcc;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.Latin1Lines;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The default multi-line output of BCC's {@code profile} and {@code offcputime} (profile-bpfcc,
 * offcputime-bpfcc on Debian): per stack, the kernel frames leaf first, {@code --} when both stacks were
 * asked for with {@code -d}, the user frames leaf first, then {@code -  comm (pid)} and the count:
 *
 * <pre>
 *     native_safe_halt
 *     default_idle
 *     --
 *     main
 *     -                swapper/0 (0)
 *         12
 * </pre>
 *
 * Each becomes the line that the same tool prints with {@code -f}: {@code comm;user frames;-;kernel
 * frames COUNT}, root first, {@code --} spelled {@code -}; {@code [Missed User Stack]} and the like stay
 * frames. The counts are samples for profile and microseconds off CPU for offcputime. Lines outside a
 * stack (the "Sampling at..." banner, warnings) are skipped; ';' in a name becomes ':'.
 */
public final class BccParser implements StackParser {

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        Latin1Lines lines = new Latin1Lines(in);
        List<String> leafFirst = new ArrayList<>();
        String comm = null;
        long stacks = 0;
        long invalid = 0;
        long firstInvalid = 0;
        for (String line; (line = lines.next()) != null; ) {
            if (lines.tooLong()) {
                continue;
            }
            String text = line.strip();
            if (comm != null) {
                if (text.isEmpty()) {
                    continue;
                }
                long count = count(text);
                if (count >= 0) {
                    sink.accept(join(comm, leafFirst), count);
                    stacks++;
                } else if (invalid++ == 0) {
                    firstInvalid = lines.number();
                }
                comm = null;
                leafFirst.clear();
                continue;
            }
            if (text.isEmpty() || !startsIndented(line)) {
                // a banner or a warning between stacks, never inside one
                leafFirst.clear();
                continue;
            }
            String process = processLine(text);
            if (process != null) {
                comm = process;
                continue;
            }
            leafFirst.add(text.equals("--") ? "-" : text.replace(';', ':'));
        }
        return new ParseStats(invalid, firstInvalid, stacks);
    }

    /** {@code -  comm (pid)}: the process name, else null. */
    static String processLine(String text) {
        if (!text.startsWith("-") || text.length() < 3 || text.charAt(1) != ' ' && text.charAt(1) != '\t') {
            return null;
        }
        String rest = text.substring(1).strip();
        int open = rest.lastIndexOf(" (");
        if (open <= 0 || !rest.endsWith(")")) {
            return null;
        }
        String pid = rest.substring(open + 2, rest.length() - 1);
        if (pid.isEmpty() || pid.length() > 10 || !pid.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return rest.substring(0, open);
    }

    private static boolean startsIndented(String line) {
        return line.charAt(0) == ' ' || line.charAt(0) == '\t';
    }

    private static long count(String text) {
        if (text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }

    private static String join(String comm, List<String> leafFirst) {
        StringBuilder b = new StringBuilder(comm.replace(';', ':'));
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            b.append(';').append(leafFirst.get(i));
        }
        return b.toString();
    }
}
