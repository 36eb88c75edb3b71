package dev.saturn.flamegraph.parse.bpftrace;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.Latin1Lines;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The maps bpftrace prints at exit, {@code @[kstack] = count()} or {@code @[ustack, comm] = count()}:
 *
 * <pre>
 * &#64;[
 *     leaf+12
 *     caller+40
 * ]: 17
 * </pre>
 *
 * Rules of FlameGraph's stackcollapse-bpftrace.pl: frames leaf first, kept as printed (offsets too),
 * blanks before them dropped; a last key on the closing line ({@code , comm]: 17}) becomes the root frame;
 * a one-line entry {@code @[, name]: 3} is the stack "name". Beyond the Perl script: a map of any name
 * ({@code @cpu[...]}), the {@code ,} line between two stack keys ({@code @[kstack, ustack]}) is no frame,
 * so user frames come before kernel ones; a one-line entry's keys ({@code @[comm, pid]: 3}) are frames in
 * their order; ';' in a name becomes ':'. Other lines ("Attaching 1 probe...") are skipped.
 */
public final class BpftraceParser implements StackParser {

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        Latin1Lines lines = new Latin1Lines(in);
        List<String> leafFirst = new ArrayList<>();
        boolean inStack = false;
        long stacks = 0;
        for (String line; (line = lines.next()) != null; ) {
            if (lines.tooLong()) {
                continue;
            }
            if (!inStack) {
                int open = mapOpen(line);
                if (open < 0) {
                    continue;
                }
                String rest = line.substring(open);
                if (rest.isEmpty() || rest.equals(",") || rest.equals(", ")) {
                    inStack = true;
                    continue;
                }
                int close = rest.lastIndexOf("]: ");
                long count = close < 0 ? -1 : count(rest.substring(close + 3));
                if (count >= 0) {
                    String keys = rest.substring(0, close);
                    StringBuilder b = new StringBuilder();
                    for (String key : keys.split(", ")) {
                        if (!key.isEmpty()) {
                            b.append(b.length() == 0 ? "" : ";").append(key.replace(';', ':'));
                        }
                    }
                    if (b.length() > 0) {
                        sink.accept(b.toString(), count);
                        stacks++;
                    }
                }
                continue;
            }
            int close = line.lastIndexOf("]: ");
            long count = close < 0 ? -1 : count(line.substring(close + 3));
            if (count >= 0) {
                String last = line.substring(0, close);
                last = last.startsWith(",") ? last.substring(1) : last;
                last = !last.isEmpty() && isSpace(last.charAt(0)) ? last.substring(1) : last;
                if (!last.isEmpty()) {
                    leafFirst.add(last.replace(';', ':'));
                }
                if (!leafFirst.isEmpty()) {
                    sink.accept(join(leafFirst), count);
                    stacks++;
                }
                leafFirst.clear();
                inStack = false;
                continue;
            }
            String frame = line.strip();
            if (frame.isEmpty() || frame.equals(",")) {
                continue;
            }
            leafFirst.add(frame.replace(';', ':'));
        }
        return ParseStats.clean(stacks);
    }

    /** After {@code @[} or {@code @name[} at the start of a line, else -1. */
    static int mapOpen(String line) {
        if (!line.startsWith("@")) {
            return -1;
        }
        int i = 1;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_')) {
            i++;
        }
        return i < line.length() && line.charAt(i) == '[' ? i + 1 : -1;
    }

    /** The count at the end of a map line, {@code 17} of {@code ]: 17}; -1 when not a number. */
    private static long count(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 18) {
            return -1;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(t);
    }

    private static String join(List<String> leafFirst) {
        StringBuilder b = new StringBuilder();
        for (int i = leafFirst.size() - 1; i >= 0; i--) {
            b.append(leafFirst.get(i));
            if (i > 0) {
                b.append(';');
            }
        }
        return b.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
