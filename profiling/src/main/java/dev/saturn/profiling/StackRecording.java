package dev.saturn.profiling;

import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.jvm.AsyncProfilerEvent;
import dev.saturn.collectors.jvm.AsyncProfilerLibrary;
import dev.saturn.collectors.jvm.AsyncProfilerSession;
import dev.saturn.collectors.jvm.JvmAttach;
import dev.saturn.collectors.jvm.PerfMap;
import dev.saturn.collectors.jvm.TargetProcess;
import dev.saturn.collectors.perf.PerfAccess;
import dev.saturn.collectors.perf.PerfEvent;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.StackParser;
import dev.saturn.flamegraph.parse.perf.SchedSwitchParser;
import dev.saturn.flamegraph.input.StackParsers;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The recording half of a profile, shared by `saturn profile` and the agent's triggered profiles:
 * start a profiler, let the caller wait (it decides how: a countdown, Ctrl-C, a fixed sleep), stop it,
 * and stream its stacks into a {@link StackSink}. The caller's {@code wait} gets a "the profiler or its
 * target is done" test and returns whatever it measured.
 */
public final class StackRecording {
    private StackRecording() {
    }

    /** How perf samples here, for a flame graph's subtitle: "perf, cpu-clock at 99 Hz". */
    public static String perfMethod(int frequency) {
        return "perf, " + PerfRecorder.event() + " at " + frequency + " Hz"
                + (PerfAccess.ofThisProcess().kernelFramesHidden() ? ", user space only (perf_event_paranoid)" : "");
    }

    /** How perf records {@code event}, for a subtitle: "perf, sched:sched_switch (time off CPU)". */
    public static String perfMethod(PerfEvent event, int frequency) {
        String hidden = PerfAccess.ofThisProcess().kernelFramesHidden() ? ", user space only (perf_event_paranoid)" : "";
        return switch (event) {
            case CPU -> perfMethod(frequency);
            case OFFCPU -> "perf, " + PerfEvent.SCHED_SWITCH + " (time off CPU, in us)" + hidden;
            case WALL -> "perf, " + PerfEvent.SCHED_SWITCH + " and cpu-clock at " + frequency + " Hz (time on and off CPU, in us)" + hidden;
            case PAGE_FAULTS -> "perf, every page fault" + hidden;
            case MAJOR_FAULTS -> "perf, every major page fault" + hidden;
        };
    }

    public static String asyncProfilerMethod(AsyncProfilerEvent event, int frequency) {
        return "async-profiler " + AsyncProfilerLibrary.version() + ", event " + event.agentName()
                + (event == AsyncProfilerEvent.CPU || event == AsyncProfilerEvent.WALL ? " at " + frequency + " Hz" : "");
    }

    /**
     * perf record of a process or of every CPU, then `perf script` collapsed as it streams (scheduler
     * switches paired into time off CPU, for offcpu and wall).
     *
     * @param jitNames the JVMs whose JIT-compiled frames perf should name (through /tmp/perf-PID.map),
     *                 asked for once the recording has stopped: those running then
     */
    public static <W> W perf(PerfRecorder.Request request, boolean threads, Supplier<List<TargetProcess>> jitNames,
            Function<BooleanSupplier, W> wait, StackSink sink, Consumer<String> warn) throws IOException {
        return perf(request, threads ? PerfCollapseOptions.defaults().withTid() : PerfCollapseOptions.defaults(), jitNames, wait, sink, warn);
    }

    /** The same, the stacks folded with {@code options} (a root frame per process with its pid: withPid). */
    public static <W> W perf(PerfRecorder.Request request, PerfCollapseOptions options, Supplier<List<TargetProcess>> jitNames,
            Function<BooleanSupplier, W> wait, StackSink sink, Consumer<String> warn) throws IOException {
        try (PerfRecorder recorder = PerfRecorder.start(request)) {
            W waited = wait.apply(recorder::finished);
            recorder.stop();
            List<Path> madeMaps = perfMaps(jitNames.get(), warn);
            try {
                StackParser parser = request.event().pairsSwitches() ? new SchedSwitchParser(options, warn)
                        : StackParsers.of(StackFormat.PERF, options, JfrOptions.DEFAULTS, warn);
                ParseStats stats;
                try (InputStream in = recorder.script()) {
                    stats = parser.parse(in, sink);
                }
                recorder.finishScript();
                if (stats.invalidLines() > 0) {
                    warn.accept(stats.invalidLines() + " lines of perf script output were not understood");
                }
            } finally {
                for (Path map : madeMaps) {
                    Files.deleteIfExists(map);
                }
            }
            return waited;
        }
    }

    /** async-profiler loaded into a JVM; its collapsed output parsed into {@code sink}. */
    public static <W> W asyncProfiler(TargetProcess target, AsyncProfilerSession.Request request,
            Function<BooleanSupplier, W> wait, StackSink sink, Consumer<String> warn) throws IOException {
        JvmAttach.requireAttachable(target, "async-profiler");
        Path lib = AsyncProfilerLibrary.extract();
        try (AsyncProfilerSession session = AsyncProfilerSession.start(target, lib, request)) {
            W waited = wait.apply(() -> !target.alive());
            session.stop();
            for (String w : session.warnings()) {
                warn.accept("async-profiler: " + w);
            }
            try (InputStream in = session.collapsed()) {
                StackParsers.of(StackFormat.FOLDED, PerfCollapseOptions.defaults(), JfrOptions.DEFAULTS, warn).parse(in, sink);
            }
            return waited;
        }
    }

    /**
     * A JVM's JIT frames are anonymous to perf without a map: each JVM writes its own; returns the maps
     * this created (the caller removes them), and says in one warning which JVMs could not.
     */
    private static List<Path> perfMaps(List<TargetProcess> jvms, Consumer<String> warn) {
        List<Path> made = new ArrayList<>();
        List<String> unnamed = new ArrayList<>();
        for (TargetProcess t : jvms) {
            if (!t.jvm()) {
                continue;
            }
            if (!t.alive()) {
                unnamed.add("JVM " + t.label() + " exited");
                continue;
            }
            try {
                if (PerfMap.write(t)) {
                    made.add(PerfMap.path(t));
                }
            } catch (ProfilingException e) {
                unnamed.add(e.getMessage());
            }
        }
        if (!unnamed.isEmpty()) {
            warn.accept("JIT-compiled frames stay unnamed: " + String.join("; ", unnamed));
        }
        return made;
    }
}
