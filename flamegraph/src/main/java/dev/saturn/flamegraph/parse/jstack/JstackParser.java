package dev.saturn.flamegraph.parse.jstack;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import dev.saturn.flamegraph.parse.Latin1Lines;
import java.io.IOException;
import java.io.InputStream;

/**
 * Thread dumps in, from `jstack PID` or `jcmd PID Thread.print [-l]`, any number of them one after
 * the other: each thread of each dump is one sample of weight 1, frames root first, the thread name
 * as the root frame, `method(File.java:N)` cut to `method`, as stackcollapse-jstack.pl does. By
 * default only RUNNABLE threads count, less the JVM's own (compiler threads, Signal Dispatcher,
 * Service Thread, Attach Listener) and threads in epoll or socket accept/read; a RUNNABLE thread
 * without Java frames counts as its name alone. Unlike the Perl script, a thread name may hold
 * quotes, a thread ends at the next header as well as at a blank line, and the last thread of a
 * file counts without a blank line after it. `;` in names becomes `:`; other bytes stay.
 * Lines jstack prints besides threads (timestamps, SMR info, lock lines, JNI refs, deadlock reports)
 * are skipped; any other line is counted invalid.
 */
public final class JstackParser implements StackParser {
    private static final String STATE = "java.lang.Thread.State: ";

    private final JstackOptions options;

    public JstackParser() {
        this(JstackOptions.DEFAULTS);
    }

    public JstackParser(JstackOptions options) {
        this.options = options;
    }

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        Latin1Lines lines = new Latin1Lines(in);
        ThreadBlock thread = new ThreadBlock();
        long invalid = 0;
        long firstInvalid = 0;
        long stacks = 0;
        boolean smrInfo = false;
        boolean deadlockReport = false;
        for (String line; (line = lines.next()) != null; ) {
            if (lines.tooLong()) {
                if (invalid++ == 0) {
                    firstInvalid = lines.number();
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String text = line.strip();
            if (text.isEmpty()) {
                stacks += emit(thread, sink);
                smrInfo = false;
                continue;
            }
            if (line.charAt(0) == '"') {
                stacks += emit(thread, sink);
                int close = line.lastIndexOf('"');
                thread.start(frameName(line.substring(1, close > 0 ? close : line.length())));
                if (close > 0) {
                    continue;
                }
            } else if (text.startsWith(STATE)) {
                int end = text.indexOf(' ', STATE.length());
                thread.state(text.substring(STATE.length(), end < 0 ? text.length() : end));
                continue;
            } else if (text.startsWith("at ")) {
                int paren = text.indexOf('(');
                String method = text.substring(3, paren < 0 ? text.length() : paren);
                thread.frame(frameName(options.shortenPackages() ? shortenPackages(method) : method));
                continue;
            } else if (text.startsWith("Threads class SMR info:")) {
                smrInfo = true;
                continue;
            } else if (text.startsWith("Found one Java-level deadlock:")) {
                deadlockReport = true;
                continue;
            } else if (deadlockReport && text.startsWith("Found ") && text.contains(" deadlock")) {
                deadlockReport = false;
                continue;
            } else if (smrInfo || deadlockReport || isInfo(text)) {
                continue;
            }
            if (invalid++ == 0) {
                firstInvalid = lines.number();
            }
        }
        stacks += emit(thread, sink);
        return new ParseStats(invalid, firstInvalid, stacks);
    }

    private int emit(ThreadBlock thread, StackSink sink) {
        if (thread.isEmpty()) {
            return 0;
        }
        String stack = thread.stack(options);
        thread.clear();
        if (stack == null) {
            return 0;
        }
        sink.accept(stack, 1);
        return 1;
    }

    /** Lines of a dump that hold no stack: they are skipped, not counted invalid. */
    private static boolean isInfo(String text) {
        return text.startsWith("-")
                || text.startsWith("Full thread dump")
                || text.startsWith("JNI global ref")
                || text.startsWith("No compile task")
                || text.startsWith("Compiling:")
                || text.startsWith("Locked ownable synchronizers:")
                || text.startsWith("Carrying virtual thread")
                || isTimestamp(text)
                || isProcessId(text);
    }

    /** `2026-11-27 08:14:14`, the first line of a jstack dump. */
    private static boolean isTimestamp(String text) {
        return text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && allDigits(text, 0, 4) && allDigits(text, 5, 7) && allDigits(text, 8, 10);
    }

    /** `12345:`, the first line of jcmd's output. */
    private static boolean isProcessId(String text) {
        return text.length() > 1 && text.endsWith(":") && allDigits(text, 0, text.length() - 1);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** `java.util.concurrent.Foo.run` to `j.u.c.Foo.run`: the first character of each word of the package. */
    static String shortenPackages(String method) {
        int methodDot = method.lastIndexOf('.');
        int classDot = methodDot > 0 ? method.lastIndexOf('.', methodDot - 1) : -1;
        if (classDot < 0) {
            return method;
        }
        StringBuilder b = new StringBuilder(method.length());
        boolean inWord = false;
        for (int i = 0; i <= classDot; i++) {
            char c = method.charAt(i);
            boolean word = c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!word || !inWord) {
                b.append(c);
            }
            inWord = word;
        }
        return b.append(method, classDot + 1, method.length()).toString();
    }

    private static String frameName(String name) {
        return name.replace(';', ':');
    }
}
