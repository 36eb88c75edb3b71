package dev.saturn.flamegraph.parse.perf;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.CountUnit;
import dev.saturn.flamegraph.parse.Latin1Lines;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `perf script` output of scheduler switches (`-F comm,pid,tid,time,period,event,trace,ip,sym,dso
 * --show-switch-events`) as time off CPU per stack, in microseconds, through a {@link SwitchPairing}:
 * each sched:sched_switch sample is its thread's switch-out, with the stack it blocked in, and the
 * switch-in of the thread named by its {@code next_pid}; each {@code PERF_RECORD_SWITCH IN} record (perf's own
 * switch records, which a recording of one process needs, since the tracepoint fires only in the thread
 * that leaves the CPU) a switch-in of its thread, and each {@code PERF_RECORD_SWITCH OUT} the moment it really
 * left (after perf took the tracepoint's stack). Samples of cpu-clock or task-clock are time on CPU, their
 * period (nanoseconds) each, so that a recording of both gives wall-clock time. Frames are named as
 * stackcollapse-perf.pl names them, the process name at the root.
 */
public final class SchedSwitchParser implements StackParser {
    public static final CountUnit MICROSECONDS = new CountUnit("us", "sched:sched_switch");

    private static final String SCHED_SWITCH = "sched:sched_switch";
    /**
     * {@code comm pid/tid [cpu] sec.frac: rest}: the name is the shortest prefix before the ids and the time. A thread
     * that has exited by the time perf script reads its last switch comes out as {@code :-1 PID/-1}.
     */
    private static final Pattern HEADER = Pattern.compile("^(\\S.*?)\\s+(\\d+)(?:/(-?\\d+))?\\s+(?:\\[\\d+\\]\\s+)?(\\d+)\\.(\\d+):\\s*(.*)$");
    /** {@code [period] event: trace}. */
    private static final Pattern EVENT = Pattern.compile("^(?:(\\d+)\\s+)?(\\S+):\\s*(.*)$");
    private static final Pattern FRAME = Pattern.compile("^\\s*(\\w+)\\s*(.+) \\((.*)\\)$");
    private static final Pattern PREV_STATE = Pattern.compile("(?:^| )prev_state=(\\S+)");
    private static final Pattern PREV_PID = Pattern.compile(" prev_pid=(\\d+)");
    private static final Pattern NEXT_PID = Pattern.compile(" next_pid=(\\d+)");

    private static final int MAX_CACHED_LINES = 1 << 18;

    private final PerfCollapseOptions options;
    private final FrameNamer namer;
    private final Map<String, String> frames = new HashMap<>();
    private final Map<String, String> javaFrames = new HashMap<>();
    private final Consumer<String> warnings;

    public SchedSwitchParser(PerfCollapseOptions options, Consumer<String> warnings) {
        this.options = options;
        this.namer = new FrameNamer(options);
        this.warnings = warnings;
    }

    /** One sample being read: its header's fields and the frames so far, leaf first. */
    private static final class Sample {
        String root;
        boolean java;
        long tid;
        long atNanos;
        long period;
        String event;
        String trace;
        final List<String> frames = new ArrayList<>();
    }

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        SwitchPairing pairing = new SwitchPairing();
        Latin1Lines lines = new Latin1Lines(in);
        Set<String> otherEvents = new LinkedHashSet<>();
        long invalid = 0;
        long firstInvalid = 0;
        Sample sample = null;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (sample != null) {
                if (line.isBlank()) {
                    end(sample, pairing, otherEvents);
                    sample = null;
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0))) {
                    String names = frameNames(line, sample.java);
                    if (names != null) {
                        if (!names.isEmpty()) {
                            sample.frames.add(names);
                        }
                        continue;
                    }
                }
                end(sample, pairing, otherEvents);
                sample = null;
            }
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (!h.matches()) {
                invalid++;
                firstInvalid = firstInvalid == 0 ? lines.number() : firstInvalid;
                continue;
            }
            long pid = Long.parseLong(h.group(2));
            long tid = h.group(3) != null ? Long.parseLong(h.group(3)) : pid;
            long at = nanos(h.group(4), h.group(5));
            String rest = h.group(6);
            pairing.seen(at);
            if (rest.startsWith("PERF_RECORD_")) {
                String[] words = rest.split("\\s+");
                if (words.length > 1 && words[0].equals("PERF_RECORD_SWITCH")) {
                    if (words[1].equals("IN")) {
                        pairing.switchIn(tid, at);
                    } else if (words[1].equals("OUT")) {
                        pairing.switchedOut(tid, at);
                    }
                }
                continue;
            }
            Matcher e = EVENT.matcher(rest);
            if (!e.matches()) {
                invalid++;
                firstInvalid = firstInvalid == 0 ? lines.number() : firstInvalid;
                continue;
            }
            sample = new Sample();
            sample.root = root(h.group(1), pid, tid);
            sample.java = h.group(1).startsWith("java");
            sample.tid = tid;
            sample.atNanos = at;
            sample.period = e.group(1) != null ? Long.parseLong(e.group(1)) : 0;
            sample.event = e.group(2);
            sample.trace = e.group(3);
        }
        if (sample != null) {
            end(sample, pairing, otherEvents);
        }
        if (!otherEvents.isEmpty()) {
            warnings.accept("samples of " + String.join(", ", otherEvents) + " were left out: neither " + SCHED_SWITCH + " nor a clock");
        }
        long[] stacks = {0};
        pairing.finish((stack, us) -> {
            sink.accept(stack, us);
            stacks[0]++;
        });
        return new ParseStats(invalid, firstInvalid, stacks[0], MICROSECONDS);
    }

    /**
     * The frames a stack line names, "" for none, null when it is not a stack line. A recording repeats the same
     * few thousand lines over and over: each is matched and named once.
     */
    private String frameNames(String line, boolean java) {
        Map<String, String> cache = java ? javaFrames : frames;
        String names = cache.get(line);
        if (names == null) {
            Matcher frame = FRAME.matcher(line);
            if (!frame.matches()) {
                return null;
            }
            names = namer.frames(frame.group(2), frame.group(3), frame.group(1), java);
            if (cache.size() < MAX_CACHED_LINES) {
                cache.put(line, names);
            }
        }
        return names;
    }

    private void end(Sample s, SwitchPairing pairing, Set<String> otherEvents) {
        if (s.event.equals(SCHED_SWITCH)) {
            if (s.tid < 0) {
                Matcher prev = PREV_PID.matcher(s.trace);
                s.tid = prev.find() ? Long.parseLong(prev.group(1)) : 0;
            }
            if (s.tid != 0) { // the idle task leaving a CPU is not a thread blocking
                Matcher state = PREV_STATE.matcher(s.trace);
                String prevState = state.find() ? state.group(1) : "";
                boolean exiting = prevState.startsWith("X") || prevState.startsWith("Z");
                // a state not asked for (--state D: a thread waiting for work, not for the disk) counts as not blocked
                pairing.switchOut(s.tid, s.atNanos, stack(s), exiting || !options.countsBlocked(prevState));
            }
            Matcher next = NEXT_PID.matcher(s.trace);
            if (next.find()) {
                pairing.switchIn(Long.parseLong(next.group(1)), s.atNanos);
            }
        } else if (clock(s.event) && s.period > 0) {
            pairing.onCpu(stack(s), s.atNanos, s.period);
        } else {
            otherEvents.add(s.event);
        }
    }

    /** cpu-clock or task-clock, however perf spells it: {@code cpu-clock/period=10101010/}, {@code cpu-clock:u}. */
    static boolean clock(String event) {
        String base = event;
        int cut = base.indexOf('/');
        if (cut >= 0) {
            base = base.substring(0, cut);
        }
        cut = base.indexOf(':');
        if (cut >= 0) {
            base = base.substring(0, cut);
        }
        return base.equals("cpu-clock") || base.equals("task-clock");
    }

    private String stack(Sample s) {
        StringBuilder b = new StringBuilder(s.root);
        for (int i = s.frames.size() - 1; i >= 0; i--) {
            b.append(';').append(s.frames.get(i));
        }
        return b.toString();
    }

    private String root(String comm, long pid, long tid) {
        String name = comm.replace(' ', '_');
        if (options.tid()) {
            return name + "-" + pid + "/" + tid;
        }
        return options.pid() ? name + "-" + pid : name;
    }

    /** perf's {@code seconds.fraction} (6 digits, 9 with --ns) as nanoseconds. */
    static long nanos(String seconds, String fraction) {
        String f = fraction.length() >= 9 ? fraction.substring(0, 9) : fraction + "000000000".substring(fraction.length());
        return Long.parseLong(seconds) * 1_000_000_000L + Long.parseLong(f);
    }
}
