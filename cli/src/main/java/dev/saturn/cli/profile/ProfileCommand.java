package dev.saturn.cli.profile;

import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.DurationConverter;
import dev.saturn.cli.options.PerfOption;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.cli.output.ProfileWait;
import dev.saturn.cli.output.Terminal;
import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.jvm.AsyncProfilerEvent;
import dev.saturn.collectors.jvm.AsyncProfilerSession;
import dev.saturn.collectors.jvm.TargetProcess;
import dev.saturn.collectors.perf.PerfEvent;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.profiling.ProfileEvent;
import dev.saturn.profiling.StackRecording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Profile a process or every CPU into a flame graph.",
            "",
            "Samples the stacks of a process (or of every CPU) for a while and draws them as a flame graph.",
            "",
            "A JVM is profiled through async-profiler, loaded into it with the JDK attach API: Java method "
                + "names, and --event wall, alloc or lock. Anything else, or a JVM with --java=false, through "
                + "`perf record -g` (cpu-clock where the machine has no PMU), whose `perf script` output is "
                + "collapsed as it streams; for a JVM saturn then asks it to write /tmp/perf-PID.map, so that "
                + "perf can name its JIT-compiled methods.",
            "",
            "perf also records --event offcpu (time blocked per stack, in microseconds, from the scheduler's "
                + "switches: sched:sched_switch), wall (on- and off-CPU time, in microseconds) and page-faults or "
                + "major-faults (every fault with its stack: what grows memory); a JVM with offcpu or a fault event "
                + "goes through perf.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn profile --pid 1234 -o cpu.svg                # 10 s, 99 Hz",
            "  saturn profile --all --duration 30s -o host.svg     # every CPU (root)",
            "  saturn profile -p 1234 --event alloc -o alloc.svg   # a JVM's allocations",
            "  saturn profile -p 1234 --event wall --threads -o wall.svg",
            "  saturn profile -p 1234 --java=false -o perf.svg     # a JVM through perf",
            "  saturn profile -p 1234 --event offcpu -o off.svg    # where it blocks, in us",
            "  saturn profile -p 1234 --event page-faults -o mem.svg",
            "  saturn profile --all -d 60s -o host.html            # canvas page: big profiles",
            "  saturn profile -p 1234 -d 5s --format folded > cpu.folded",
            "  saturn profile -g -p 1234,5678 -d 10s -o both.svg       # two processes, a root frame each",
            "  saturn profile -o make.svg -- make -j2                  # a command, to its end, as perf record",
            "",
            "Ctrl-C ends the profile early and still writes it.",
            "Exit 2 with one line saying what to do when perf is missing or not allowed,",
            "the process is gone or not a JVM, the output cannot be written, or the kernel",
            "cannot record the event (no tracefs, perf_event_paranoid).",
            "Page: docs/profile.md."})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Parameters(arity = "0..*", paramLabel = "CMD", description = "After --: a command to run and profile to its end, as perf record "
            + "-- CMD does (with perf; its children too). Its output goes to stderr when the profile goes to stdout.")
    List<String> command;

    static final class Target {
        @Option(names = {"-p", "--pid"}, paramLabel = "PID[,PID...]", required = true, split = ",",
                description = "The process to profile, all its threads; several, comma-separated as perf's -p, are recorded with "
                        + "perf, a root frame per process (comm-PID).")
        List<Long> pids;

        @Option(names = {"-a", "--all"}, required = true, description = "Every CPU, every process (perf; root or perf_event_paranoid <= 0).")
        boolean all;
    }

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to sample (default 10s; e.g. 500ms, 30s, 2m); a command after -- runs to its end unless -d is given.")
    Duration duration;

    @Option(names = {"-F", "--frequency"}, paramLabel = "HZ", defaultValue = "99",
            description = "Samples a second (per CPU with perf, per thread with async-profiler; default ${DEFAULT-VALUE}).")
    int frequency;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here (default stdout, unless it is a terminal).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "svg, html (a canvas page, for big profiles), json (d3-flame-graph), folded, pprof (gzip'd "
                    + "profile.proto) or speedscope; default from the -o name (.html, .json, .folded/.txt, .pb.gz/.pprof, "
                    + ".speedscope.json), else svg.")
    ProfileOutput.Format format;

    @Option(names = "--java", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Force async-profiler (--java) or perf (--java=false); default: async-profiler when the process is a JVM.")
    Boolean java;

    @Option(names = {"-e", "--event"}, paramLabel = "EVENT", defaultValue = "cpu",
            description = "cpu (default), wall, alloc, lock (a JVM: async-profiler), offcpu, page-faults, major-faults "
                    + "(perf); wall without a JVM: perf.")
    String event;

    @Option(names = "--threads", description = "A root frame per thread.")
    boolean threads;

    @Option(names = "-g", description = "Accepted as perf record takes it: the call graph is always recorded.")
    boolean callGraph;

    @Option(names = "--title", paramLabel = "TEXT", description = "The flame graph's title (default: what was profiled).")
    String title;

    @Mixin
    PerfOption perf;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        if (duration == null && (command == null || command.isEmpty())) {
            duration = Duration.ofSeconds(10);
        }
        if (frequency < 1 || frequency > 100_000) {
            throw new UserException("--frequency " + frequency + " is out of range: give 1 to 100000 samples a second (99 is usual)");
        }
        ProfileEvent ev = ProfileEvent.fromName(event).orElseThrow(
                () -> new UserException("--event takes " + ProfileEvent.names() + ", got '" + event + "'"));
        PrintWriter err = spec.commandLine().getErr();
        ProfileOutput.Format as = ProfileOutput.format(format, output);
        if (output == null && as != ProfileOutput.Format.folded && Terminal.isTerminal(1)) {
            throw new UserException("not writing " + as.what() + " into the terminal: give -o FILE (e.g. -o "
                    + as.example() + "), or redirect: > " + as.example());
        }
        boolean run = command != null && !command.isEmpty();
        if (run == (target != null)) {
            throw new UserException(run ? "give a command to run (after --) or -p/--all, not both"
                    : "give -p PID, --all, or a command to run after --: saturn profile -o out.svg -- CMD ARGS");
        }
        try (ProfileOutput out = new ProfileOutput(output, as, ev.cliName())) {
            out.open();
            if (run) {
                profileCommand(perfEvent(ev, "a command to run"), out, err);
            } else if (target.all) {
                if (Boolean.TRUE.equals(java)) {
                    throw new UserException("--java profiles one JVM: give --pid instead of --all");
                }
                profileWithPerf(List.of(), perfEvent(ev, "--all"), out, err);
            } else if (target.pids.size() > 1) {
                if (Boolean.TRUE.equals(java)) {
                    throw new UserException("--java profiles one JVM: give one --pid, or drop --java to record them all with perf");
                }
                List<TargetProcess> targets = new ArrayList<>();
                for (Long pid : new LinkedHashSet<>(target.pids)) {
                    targets.add(TargetProcess.of(pid));
                }
                profileWithPerf(targets, perfEvent(ev, "several processes"), out, err);
            } else {
                TargetProcess t = TargetProcess.of(target.pids.get(0));
                boolean async = java != null ? java : t.jvm() && ev.asyncProfiler().isPresent();
                if (async) {
                    if (!t.jvm()) {
                        throw new UserException("process " + t.label() + " is not a JVM (no libjvm.so in /proc/" + t.pid()
                                + "/maps): drop --java to profile it with perf");
                    }
                    AsyncProfilerEvent asyncEvent = ev.asyncProfiler().orElseThrow(() -> new UserException(
                            "--event " + ev.cliName() + " is recorded with perf, not async-profiler: drop --java"));
                    profileWithAsyncProfiler(t, asyncEvent, out, err);
                } else {
                    profileWithPerf(List.of(t), perfEvent(ev, t.jvm() ? "--java=false" : "a process that is not a JVM"), out, err);
                }
            }
        } catch (ProfilingException e) {
            throw new UserException(e.getMessage() + switch (e.remedy()) {
                case PROFILE_JVM_WITH_PERF -> ": use --java=false to profile it with perf";
                case PERF_PATH -> ", or give its path with --perf";
                case NONE -> "";
            });
        }
        return 0;
    }

    private void profileWithAsyncProfiler(TargetProcess t, AsyncProfilerEvent ev, ProfileOutput out, PrintWriter err) throws IOException {
        String how = StackRecording.asyncProfilerMethod(ev, frequency);
        AsyncProfilerSession.Request request = new AsyncProfilerSession.Request(ev, 1_000_000_000L / frequency, threads, true);
        ProfileWait.Result waited = StackRecording.asyncProfiler(t, request, done -> waitFor(t.label(), how, done, err), out, warn(err));
        finish(out, t.label(), "Profile of ", ev.countName(), ev.countName(), how, waited, Palette.JAVA, err, switch (ev) {
            case CPU -> "it did not run on a CPU; try a longer --duration, or --event wall";
            case WALL -> "try a longer --duration";
            case ALLOC -> "it allocated less than async-profiler's sampling interval (512 KiB); try a longer --duration";
            case LOCK -> "no thread waited for a contended lock; try a longer --duration";
        });
    }

    /** {@code targets}: the processes, or none for every CPU. */
    private void profileWithPerf(List<TargetProcess> targets, ProfileEvent ev, ProfileOutput out, PrintWriter err) throws IOException {
        List<Long> pids = targets.stream().map(TargetProcess::pid).toList();
        PerfEvent pe = ev.perf().orElseThrow();
        String how = StackRecording.perfMethod(pe, frequency);
        String what = what(targets);
        // several processes: a root frame for each, as perf report's comm-pid
        PerfCollapseOptions options = threads ? PerfCollapseOptions.defaults().withTid()
                : targets.size() > 1 ? PerfCollapseOptions.defaults().withPid() : PerfCollapseOptions.defaults();
        ProfileWait.Result waited = StackRecording.perf(new PerfRecorder.Request(perf.command(), pids, frequency, pe), options,
                () -> targets.isEmpty() ? TargetProcess.runningJvms() : targets.stream().filter(TargetProcess::jvm).toList(),
                done -> waitFor(what, how, done, err), out, warn(err));
        boolean jvm = targets.size() == 1 && targets.get(0).jvm();
        String whyEmpty = switch (pe) {
            case CPU -> (targets.size() > 1 ? "they did" : "it did") + " not run on a CPU; try a longer --duration"
                    + (jvm ? ", or --event wall without --java=false" : "");
            case OFFCPU -> "it did not leave a CPU (no switch of its threads was recorded); try a longer --duration, or --event cpu";
            case WALL -> "none of its threads ran or blocked while recorded; try a longer --duration";
            case PAGE_FAULTS, MAJOR_FAULTS -> "it had no " + ev.perfTotal() + "; try a longer --duration";
        };
        finish(out, what, ev.perfTitle(), pe.countName(), ev.perfTotal(), how, waited, ev.perfPalette(), err, whyEmpty);
    }

    /**
     * Runs the command, stopped before its exec (a shell that stops itself, then execs it), has perf follow it from
     * there (its exec and children too), lets it go once perf samples, and records until it exits.
     */
    private void profileCommand(ProfileEvent ev, ProfileOutput out, PrintWriter err) throws IOException {
        // the profile on stdout: the command's output to stderr, the same open file (not reopened: a file that
        // stderr writes to at its own offset would overwrite it)
        String exec = output == null ? "exec \"$@\" 1>&2" : "exec \"$@\"";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "kill -STOP $$; " + exec, "sh"));
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new UserException("cannot run " + command.get(0) + ": " + e.getMessage());
        }
        try {
            awaitStopped(child);
            String what = String.join(" ", command);
            PerfEvent pe = ev.perf().orElseThrow();
            String how = StackRecording.perfMethod(pe, frequency);
            TargetProcess t = TargetProcess.of(child.pid());
            ProfileWait.Result waited = StackRecording.perf(new PerfRecorder.Request(perf.command(), List.of(child.pid()), frequency, pe),
                    threads ? PerfCollapseOptions.defaults().withTid() : PerfCollapseOptions.defaults(), () -> List.of(),
                    done -> {
                        resume(child);
                        err.println("saturn: profiling `" + what + "` to its end with " + how + "...");
                        err.flush();
                        return ProfileWait.await(duration == null ? Duration.ofDays(365) : duration, done, err);
                    }, out, warn(err));
            int status = child.waitFor();
            if (status == 127 && out.samples() == 0) {
                throw new UserException("cannot run " + command.get(0) + ": not found (give its path, or check PATH)");
            }
            err.println("saturn: `" + what + "` exited with status " + status);
            finish(out, "`" + what + "`", ev.perfTitle(), pe.countName(), ev.perfTotal(), how, waited, ev.perfPalette(), err,
                    "it did not run on a CPU long enough to be sampled; give it more work, or raise --frequency");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted");
        } finally {
            if (child.isAlive()) {
                resume(child);
            }
        }
    }

    /** Until the shell has stopped itself, before running the command. */
    private static void awaitStopped(Process child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Path stat = Path.of("/proc/" + child.pid() + "/stat");
        while (System.nanoTime() < deadline) {
            String text = Files.readString(stat);
            if (text.substring(text.lastIndexOf(')') + 2).startsWith("T")) {
                return;
            }
            if (!child.isAlive()) {
                throw new UserException("the command did not start (sh exited with " + child.exitValue() + ")");
            }
            Thread.sleep(2);
        }
        throw new UserException("the command did not start within 30 s");
    }

    private static void resume(Process child) {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(child.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UserException("cannot resume the command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "every CPU", "1234 (nginx)", or "processes 1234 (nginx), 5678 (redis)". */
    private static String what(List<TargetProcess> targets) {
        if (targets.isEmpty()) {
            return "every CPU";
        }
        if (targets.size() == 1) {
            return targets.get(0).label();
        }
        return "processes " + String.join(", ", targets.stream().map(TargetProcess::label).toList());
    }

    private ProfileWait.Result waitFor(String what, String how, java.util.function.BooleanSupplier done, PrintWriter err) {
        err.println("saturn: profiling " + what + " for " + ProfileWait.seconds(duration) + " with " + how + "...");
        err.flush();
        return ProfileWait.await(duration, done, err);
    }

    private void finish(ProfileOutput out, String what, String graphTitle, String countName, String total, String how, ProfileWait.Result waited,
            Palette palette, PrintWriter err, String whyEmpty) throws IOException {
        if (out.samples() == 0) {
            throw new UserException("no samples from " + what + " in " + ProfileWait.seconds(waited.waited()) + ": " + whyEmpty);
        }
        boolean toItsEnd = command != null && !command.isEmpty() && waited.end() == ProfileWait.End.TARGET_DONE;
        String ended = waited.end() == ProfileWait.End.DURATION || toItsEnd ? "" : ", ended early by " + waited.end().why;
        SvgOptions.Builder svg = SvgOptions.builder()
                .title(title != null ? title : graphTitle + what)
                .subtitle(how + ", " + ProfileWait.seconds(waited.waited()) + ended)
                .countName(countName).palette(palette);
        if (out.keepsEveryFrame()) {
            svg.minWidth(0, false);
        }
        out.write(svg.build());
        err.println("saturn: wrote " + out.where() + ": " + out.samples() + " " + total + " in " + out.stacks()
                + (out.stacks() == 1 ? " stack" : " stacks") + " over " + ProfileWait.seconds(waited.waited()) + ended);
    }

    private static java.util.function.Consumer<String> warn(PrintWriter err) {
        return w -> err.println("saturn: warning: " + w);
    }

    private static ProfileEvent perfEvent(ProfileEvent ev, String why) {
        if (ev.perf().isEmpty()) {
            throw new UserException("--event " + ev.cliName() + " needs async-profiler in a JVM; with " + why
                    + " perf records cpu, wall, offcpu, page-faults or major-faults: drop --event or choose one of those");
        }
        return ev;
    }

}
