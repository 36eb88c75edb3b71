package dev.saturn.cli.flame;

import dev.saturn.cli.common.UserException;
import dev.saturn.collectors.time.DurationSpec;
import dev.saturn.collectors.time.TimeSpec;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrEvent;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.jfr.JfrTime;
import dev.saturn.flamegraph.parse.jfr.JfrWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Option;

/**
 * How `collapse` and `flamegraph` read a JFR recording beyond --event, by the names of async-profiler's
 * converter: thread roots, line numbers, frame types, a time window and a thread filter. Given for an
 * input that is not JFR, they are refused rather than ignored.
 */
public final class JfrFlags {
    @Option(names = "--threads", description = "JFR input: the thread's name as the root frame, a root per thread.")
    boolean threads;

    @Option(names = "--lines", description = "JFR input: line numbers, pkg.Class.method:LINE, where the recording has them.")
    boolean lines;

    @Option(names = "--frame-types", description = "JFR input: async-profiler's frame type suffixes: _[0] interpreted, "
            + "_[1] C1, _[j] JIT-compiled, _[i] inlined, and for alloc the class _[i] in a TLAB, _[k] outside.")
    boolean frameTypes;

    @Option(names = "--from", paramLabel = "TIME", description = "JFR input: only events from TIME on: an offset from the "
            + "recording's start (10s, 1m30s) or a time (2026-12-07T12:00:00Z, 12:00:05, Unix seconds).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "JFR input: only events before TIME, as --from.")
    String to;

    @Option(names = "--thread", paramLabel = "REGEX", description = "JFR input: only the threads whose name REGEX finds (Java syntax).")
    String thread;

    /** The options for a JFR input; a bad time, an empty window or a bad REGEX is a one-line error. */
    JfrOptions options(JfrEvent event, boolean threadIds) {
        JfrOptions o = JfrOptions.of(event).withThreadNames(threads).withThreadIds(threadIds).withLineNumbers(lines)
                .withFrameTypes(frameTypes);
        if (from != null || to != null) {
            JfrTime start = from == null ? null : time("--from", from);
            JfrTime end = to == null ? null : time("--to", to);
            if (start != null && end != null && (start.instant() == null) == (end.instant() == null)) {
                boolean empty = start.instant() != null ? !end.instant().isAfter(start.instant())
                        : end.sinceStart().compareTo(start.sinceStart()) <= 0;
                if (empty) {
                    throw new UserException("--to " + to + " is not after --from " + from + ": give a window that ends after it starts");
                }
            }
            o = o.withWindow(new JfrWindow(start, end));
        }
        if (thread != null) {
            try {
                o = o.withThreadFilter(Pattern.compile(thread));
            } catch (PatternSyntaxException e) {
                throw new UserException("--thread " + thread + " is not a regular expression: " + e.getDescription());
            }
        }
        return o;
    }

    /** An offset from the recording's start (a duration: 10s, 90, 1m30s), else a time in saturn's forms. */
    private static JfrTime time(String option, String text) {
        if (text.strip().startsWith("-")) {
            throw new UserException(option + " " + text + ": give an offset from the recording's start (10s) or a time "
                    + "(2026-12-07T12:00:00Z); there are no offsets from now or from the end");
        }
        try {
            return JfrTime.sinceStart(DurationSpec.parse(text), text);
        } catch (IllegalArgumentException notADuration) {
            try {
                Instant at = TimeSpec.parse(text, Clock.systemDefaultZone());
                return JfrTime.at(at, text);
            } catch (IllegalArgumentException e) {
                throw new UserException(option + ": cannot read '" + text + "' as an offset from the recording's start "
                        + "(10s, 1m30s, 500ms, 90) or a time (2026-12-07T12:00:00Z, 2026-12-07 12:00:05, 12:00:05, Unix seconds)");
            }
        }
    }

    /** Refuses these options for an input that is not a JFR recording: they would do nothing there. */
    void check(String input, StackFormat format) {
        if (format == StackFormat.JFR) {
            return;
        }
        String given = given();
        if (given != null) {
            throw new UserException(given + " reads JFR recordings; " + FlameInput.display(input) + " is "
                    + format.cliName() + " input");
        }
    }

    /** The first JFR option given, null for none. */
    private String given() {
        if (threads) {
            return "--threads";
        }
        if (lines) {
            return "--lines";
        }
        if (frameTypes) {
            return "--frame-types";
        }
        if (from != null) {
            return "--from";
        }
        if (to != null) {
            return "--to";
        }
        return thread != null ? "--thread" : null;
    }

    /** "after --from 10s --thread worker", for the message when nothing is left; "" when nothing was filtered. */
    String describeFilters() {
        StringBuilder b = new StringBuilder();
        if (from != null) {
            b.append(" --from ").append(from);
        }
        if (to != null) {
            b.append(" --to ").append(to);
        }
        if (thread != null) {
            b.append(" --thread ").append(thread);
        }
        return b.length() == 0 ? "" : " within" + b;
    }
}
