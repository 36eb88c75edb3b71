package dev.saturn.agent.trigger;

import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.profile.ProfileStacks;
import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.agent.profile.StoredProfile;
import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.jvm.AsyncProfilerEvent;
import dev.saturn.collectors.jvm.AsyncProfilerSession;
import dev.saturn.collectors.jvm.TargetProcess;
import dev.saturn.collectors.perf.PerfAccess;
import dev.saturn.collectors.perf.PerfEvent;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.profiling.ProfileEvent;
import dev.saturn.profiling.StackRecording;
import dev.saturn.profiling.drill.DrillLead;
import dev.saturn.profiling.drill.DrillPlan;
import dev.saturn.profiling.drill.DrillPlans;
import dev.saturn.profiling.ring.PerfRing;
import dev.saturn.profiling.ring.RingSlice;
import dev.saturn.report.json.UseReportJson;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one trigger records: reads the process table over a second and chooses the profile that fits the condition's
 * resource (DrillPlans). For CPU (and a disk or memory condition with no process that fits it): perf on every CPU
 * and, when the top process is a JVM, async-profiler in it at the same time. For disk and I/O: perf's time off CPU of
 * the processes that moved the most bytes; for memory: perf's page faults of the processes that grew. Each profile's
 * flame graph is stored with the plan and the process table of that moment beside it (id.processes.json). A
 * failure is logged once per distinct reason (a missing perf is said once, not at every trigger).
 */
final class TriggeredRecording {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String SYSTEM = "system-wide perf profile";
    private static final Duration TABLE_WAIT = Duration.ofSeconds(30);

    private final TriggerConfig config;
    private final ProfileStore store;
    private final Clock clock;
    private final AgentLog log;
    private final BooleanSupplier stopping;
    private final Set<String> saidFailures = ConcurrentHashMap.newKeySet();
    private final PerfRing ring;

    /** @param ring the ring of recent stacks whose last seconds go before a system profile's own; null: none */
    TriggeredRecording(TriggerConfig config, ProfileStore store, Clock clock, AgentLog log, BooleanSupplier stopping, PerfRing ring) {
        this.ring = ring;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.stopping = stopping;
    }

    /** One profile's outcome: the log text, and whether a profile was written. */
    record Outcome(String text, boolean written) {
    }

    /**
     * Records what this agent can record; true when at least one profile was written. perf is not started when it
     * is known not to be able to record every CPU here (said once, at the start or when the reason first appears).
     */
    boolean record(TriggerWatch.Fired fired, ExecutorService jvmRecorder) {
        if (!config.jvm() && PerfRecorder.unavailable(config.perf(), false).isPresent()) {
            // no profiler at all: not worth the process table's second
            systemWideRefusal().ifPresent(this::sayPerfRefused);
            notTaken(fired, "perf cannot record every CPU here (said at the start), and JVM profiles are off");
            return false;
        }
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!DrillPlans.choosesProcesses(fired.condition().resource())) {
            return recordCpu(fired, null, start, jvmRecorder);
        }
        TriggerMoment moment = meanwhile(fired).get();
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (moment.plan().event() != ProfileEvent.CPU) {
            return recordProcesses(fired, moment, start);
        }
        return recordCpu(fired, moment, start, jvmRecorder);
    }

    /**
     * perf on every CPU and, for a top JVM, async-profiler in it: the plan of a CPU condition, and the fallback of the
     * others. For a CPU condition ({@code read} null) the plan is known at once: the top process comes from a half
     * second of /proc/PID/stat as before the drill-down, and the process table beside the profile is read while
     * perf records, so that the profile starts (and the ring's seconds before it end) as soon as it did.
     */
    private boolean recordCpu(TriggerWatch.Fired fired, TriggerMoment read, Instant start, ExecutorService jvmRecorder) {
        Optional<String> perfRefused = systemWideRefusal();
        perfRefused.ifPresent(this::sayPerfRefused);
        if (perfRefused.isPresent() && !config.jvm()) {
            notTaken(fired, "perf cannot record every CPU here (said at the start), and JVM profiles are off");
            return false;
        }
        Optional<TopProcess.Found> top;
        try {
            top = read != null ? read.top() : TopProcess.over(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        TargetProcess jvm = top.flatMap(this::jvm).orElse(null);
        if (perfRefused.isPresent() && jvm == null) {
            notTaken(fired, "perf cannot record every CPU here (said at the start), and the top process is not a JVM");
            return false;
        }
        Supplier<TriggerMoment> moment = read != null ? () -> read : meanwhile(fired);
        log.event("triggered profile: " + fired.reason() + "; recording "
                + (perfRefused.isEmpty() ? "every CPU with perf" + (jvm != null ? " and " : "") : "")
                + (jvm != null ? "JVM " + jvm.label() + " with async-profiler" : "")
                + " for " + TriggerConfig.format(config.duration())
                + top.map(t -> " (top process " + t.pid() + " " + t.comm() + ")").orElse("")
                + (read == null ? "" : "; " + read.plan().why()));
        String base = ID_TIME.format(start) + "-" + fired.condition().slug();
        Future<Outcome> jvmDone = jvm == null ? null : jvmRecorder.submit(() -> recordJvm(jvm, base, start, fired, moment));
        List<Outcome> results = new ArrayList<>();
        if (perfRefused.isEmpty()) {
            results.add(recordSystem(base, start, fired, top, moment, jvm));
        }
        if (jvmDone != null) {
            try {
                results.add(jvmDone.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jvmDone.cancel(true);
            } catch (ExecutionException e) {
                results.add(failed("async-profiler profile of JVM " + jvm.label(), new ProfilingException(String.valueOf(e.getCause()))));
            }
        }
        return ended(results);
    }

    /**
     * The process table of the trigger's moment, read on a thread of its own (while the profiles record, for a CPU
     * condition) and waited for at most {@link #TABLE_WAIT}: a read of /proc that hangs (a process stuck in the
     * kernel holding its memory map) leaves the plan to CPU samples of every CPU, and the next trigger free.
     */
    private static Supplier<TriggerMoment> meanwhile(TriggerWatch.Fired fired) {
        FutureTask<TriggerMoment> task = new FutureTask<>(() -> {
            try {
                return TriggerMoment.read(fired);
            } catch (RuntimeException e) {
                return TriggerMoment.unread(fired, e.toString());
            }
        });
        Thread t = new Thread(task, "saturn-trigger-processes");
        t.setDaemon(true);
        t.start();
        return () -> {
            try {
                return task.get(TABLE_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                task.cancel(true);
                return TriggerMoment.unread(fired, "not read within " + TABLE_WAIT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return TriggerMoment.unread(fired, "interrupted");
            } catch (ExecutionException e) {
                return TriggerMoment.unread(fired, String.valueOf(e.getCause()));
            }
        };
    }

    private boolean ended(List<Outcome> results) {
        boolean written = results.stream().anyMatch(Outcome::written);
        log.event("triggered profile ended: " + String.join("; ", results.stream().map(Outcome::text).toList())
                + (written ? "" : "; nothing written, so no gap: the next attempt can start once a condition holds anew, "
                        + "after a wait that doubles with each attempt that writes nothing"));
        return written;
    }

    /**
     * perf of the processes the plan chose, with its event (time off CPU, page faults), for the duration. The ring
     * holds CPU samples, so these profiles start at their trigger. Processes that exited since the plan are left
     * out; when all have, nothing is recorded (said once).
     */
    private boolean recordProcesses(TriggerWatch.Fired fired, TriggerMoment moment, Instant start) {
        DrillPlan plan = moment.plan();
        List<DrillPlan.Leader> alive = plan.processes().stream()
                .filter(l -> ProcessHandle.of(l.pid()).map(ProcessHandle::isAlive).orElse(false)).toList();
        if (alive.isEmpty()) {
            if (saidFailures.add(failureKey("exited", plan.subject()))) {
                log.event("triggered profile: " + fired.reason() + ": the processes chosen (" + plan.target()
                        + ") exited before perf started: nothing recorded (said once)");
            }
            return false;
        }
        DrillPlan recorded = alive.size() == plan.processes().size() ? plan
                : new DrillPlan(plan.resource(), plan.device(), plan.event(), alive, plan.why() + " (" + (plan.processes().size() - alive.size())
                        + " of them exited before perf started)");
        PerfEvent event = recorded.event().perf().orElseThrow();
        String what = recorded.event().cliName() + " profile of " + recorded.target();
        log.event("triggered profile: " + fired.reason() + "; recording " + what + " with perf for " + TriggerConfig.format(config.duration())
                + "; " + recorded.why());
        String base = ID_TIME.format(start) + "-" + fired.condition().slug() + "-" + recorded.event().cliName();
        ProfileStacks stacks = new ProfileStacks();
        String how = StackRecording.perfMethod(event, config.frequency());
        Outcome outcome;
        try {
            Duration waited = StackRecording.perf(new PerfRecorder.Request(config.perf(), recorded.pids(), config.frequency(), event), recorded.collapse(),
                    () -> recorded.jvms(), this::waitOut, stacks, this::warnOnce);
            String seconds = seconds(waited);
            DrillPlan.Leader first = recorded.processes().get(0);
            SvgOptions svg = SvgOptions.builder()
                    .title(recorded.event().perfTitle() + recorded.target() + ", triggered")
                    .subtitle(fired.reason() + "; " + recorded.why() + "; " + how + ", " + seconds + " from " + start
                            + "; from the trigger on (the ring holds CPU samples, so no part before it)")
                    .countName(event.countName()).palette(recorded.event().perfPalette()).build();
            outcome = save(base, "processes", (long) first.pid(), first.comm(), what, svg, start, fired, waited, stacks, null,
                    recorded.target(), new TriggerMoment(recorded, moment.rankings(), moment.seconds(), moment.top(), moment.unreadable()));
        } catch (ProfilingException | IOException e) {
            outcome = failed(recorded.event().cliName() + " profile of the " + plan.subject() + " processes", e);
        }
        return ended(List.of(outcome));
    }

    /** The JVMs among the processes, whose JIT-compiled frames perf names through their perf maps. */

    private Optional<TargetProcess> jvm(TopProcess.Found top) {
        if (!config.jvm()) {
            return Optional.empty();
        }
        try {
            TargetProcess t = TargetProcess.of(top.pid());
            return t.jvm() ? Optional.of(t) : Optional.empty();
        } catch (ProfilingException e) {
            return Optional.empty();
        }
    }

    /**
     * perf on every CPU for the duration and, when the ring holds seconds from before, those seconds too: the ring's
     * under the root frame [before trigger], perf's own under [after trigger]. The boundary is the moment perf
     * starts sampling; the ring's second that holds it is left out (its samples are partly after).
     */
    private Outcome recordSystem(String base, Instant start, TriggerWatch.Fired fired, Optional<TopProcess.Found> top,
            Supplier<TriggerMoment> moment, TargetProcess jvm) {
        ProfileStacks stacks = new ProfileStacks();
        String how = StackRecording.perfMethod(config.frequency());
        boolean withBefore = ring != null && ring.active();
        long[] boundary = {System.nanoTime()};
        try {
            Duration waited = StackRecording.perf(new PerfRecorder.Request(config.perf(), null, config.frequency()), false,
                    () -> jvm == null ? List.of() : List.of(jvm),
                    done -> {
                        boundary[0] = System.nanoTime();
                        return waitOut(done);
                    }, withBefore ? under(StoredProfile.AFTER_TRIGGER, stacks) : stacks, this::warnOnce);
            RingSlice before = withBefore ? before(boundary[0], stacks) : null;
            String seconds = seconds(waited);
            SvgOptions svg = SvgOptions.builder()
                    .title("Triggered profile of every CPU")
                    .subtitle(fired.reason() + "; " + how + ", " + seconds + " from " + start
                            + (before == null ? "" : String.format(Locale.ROOT, "; %s: the %d s before, from the ring at %d Hz (%d samples), %s: the trigger's %s",
                                    StoredProfile.BEFORE_TRIGGER, before.seconds(), ring.frequency(), before.samples(), StoredProfile.AFTER_TRIGGER, seconds))
                            + (DrillPlans.choosesProcesses(fired.condition().resource()) ? "; " + moment.get().plan().why() : ""))
                    .countName("samples").palette(Palette.HOT).build();
            return save(base + "-system", "system", top.map(TopProcess.Found::pid).map(Long::valueOf).orElse(null),
                    top.map(TopProcess.Found::comm).orElse(null), "every CPU", svg, start, fired, waited, stacks, before,
                    "every CPU", moment.get());
        } catch (ProfilingException | IOException e) {
            return failed(SYSTEM, e);
        }
    }

    /** The ring's seconds before the boundary; none, said once, when perf script cannot read them. */
    private RingSlice before(long boundary, ProfileStacks stacks) {
        try {
            return ring.before(boundary, stacks, StoredProfile.BEFORE_TRIGGER, this::warnOnce);
        } catch (ProfilingException | IOException e) {
            failed("the ring's seconds before the trigger", e);
            return RingSlice.EMPTY;
        }
    }

    private static StackSink under(String root, StackSink sink) {
        return (stack, weight) -> sink.accept(root + ";" + stack, weight);
    }

    private Outcome recordJvm(TargetProcess jvm, String base, Instant start, TriggerWatch.Fired fired, Supplier<TriggerMoment> moment) {
        ProfileStacks stacks = new ProfileStacks();
        AsyncProfilerEvent cpu = AsyncProfilerEvent.CPU;
        String how = StackRecording.asyncProfilerMethod(cpu, config.frequency());
        try {
            Duration waited = StackRecording.asyncProfiler(jvm, new AsyncProfilerSession.Request(cpu, 1_000_000_000L / config.frequency(), false, false),
                    this::waitOut, stacks, this::warnOnce);
            SvgOptions svg = SvgOptions.builder().title("Triggered profile of JVM " + jvm.label())
                    .subtitle(fired.reason() + "; " + how + ", " + seconds(waited) + " from " + start)
                    .countName("samples").palette(Palette.JAVA).build();
            return save(base + "-pid-" + jvm.pid() + "-java", "jvm", jvm.pid(), jvm.comm(), "JVM " + jvm.label(), svg,
                    start, fired, waited, stacks, null, "JVM " + jvm.label(), moment.get());
        } catch (ProfilingException | IOException e) {
            return failed("async-profiler profile of JVM " + jvm.label(), e);
        }
    }

    /**
     * Writes the flame graph, the folded stacks and the plan with the process table beside them, and lists the
     * profile with what leads it (of the trigger's own part, when the ring gave seconds before it).
     */
    private Outcome save(String idBase, String kind, Long pid, String command, String what, SvgOptions svg,
            Instant start, TriggerWatch.Fired fired, Duration waited, ProfileStacks stacks, RingSlice before,
            String target, TriggerMoment moment) throws IOException {
        DrillPlan plan = moment.plan();
        if (stacks.samples() == (before == null ? 0 : before.samples())) {
            return failed("profile of " + what, new ProfilingException("no samples in " + seconds(waited)));
        }
        String id = store.newId(idBase);
        long bytes = stacks.write(store.file(id, "svg"), store.file(id, "folded"), svg);
        byte[] processes = UseReportJson.bytes(moment.json(id, start.toString(), fired.reason()));
        Files.write(store.file(id, StoredProfile.PROCESSES), processes);
        bytes += processes.length;
        String lead = stacks.lead(before == null ? null : StoredProfile.AFTER_TRIGGER).map(DrillLead::text).orElse(null);
        StoredProfile.Drill drill = new StoredProfile.Drill(plan.resource(), plan.device(), plan.event().cliName(), target, plan.why(), lead, true);
        store.add(new StoredProfile(id, start.toString(), fired.reason(), kind, pid, command,
                waited.toMillis() / 1000.0, stacks.samples(), bytes, before == null ? null : before.seconds(),
                before == null ? null : before.samples(), before == null ? null : ring.frequency(), drill));
        return new Outcome("wrote " + store.directory().resolve(id + ".svg") + " (" + stacks.samples() + " " + plan.event().perf().map(PerfEvent::countName).orElse("samples")
                + (before == null ? "" : ", " + before.samples() + " of them from the " + before.seconds() + " s before the trigger") + ")"
                + (lead == null ? "" : ": " + lead), true);
    }

    private static String seconds(Duration waited) {
        return String.format(Locale.ROOT, "%.1f s", waited.toMillis() / 1000.0);
    }

    /** The reason once per distinct failure, in a line of its own (a missing perf is said once, not every trigger). */
    private Outcome failed(String what, Exception e) {
        String message = e instanceof ProfilingException ? e.getMessage() : e.toString();
        if (saidFailures.add(failureKey(what, message))) {
            log.event("triggered profile: " + what + " failed: " + message);
        }
        return new Outcome(what + " failed (reason logged once)", false);
    }

    /** Once per trigger and reason: the trigger fired, and why nothing is recorded. */
    private void notTaken(TriggerWatch.Fired fired, String why) {
        if (saidFailures.add(failureKey("not taken " + fired.condition(), why))) {
            log.event("triggered profile: " + fired.condition() + " holds, but nothing is recorded: " + why);
        }
    }

    private void warnOnce(String warning) {
        if (saidFailures.add(failureKey("warning", warning))) {
            log.event("triggered profile: warning: " + warning);
        }
    }

    /** At the agent's start: a perf that cannot record every CPU is said then, and not again at each trigger. */
    void checkPerf() {
        systemWideRefusal().ifPresent(this::sayPerfRefused);
    }

    /**
     * Why perf cannot record every CPU here, known without starting it: not installed, or not allowed (system-wide
     * needs kernel.perf_event_paranoid <= 0 without CAP_PERFMON, CAP_SYS_ADMIN or root). A path lookup and two small
     * /proc reads, checked again at each trigger: a sysctl or an install takes effect without a restart.
     */
    private Optional<String> systemWideRefusal() {
        Optional<String> missing = PerfRecorder.unavailable(config.perf(), false);
        if (missing.isPresent()) {
            return missing;
        }
        PerfAccess access = PerfAccess.ofThisProcess();
        if (access.refusal(true).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("kernel.perf_event_paranoid is " + access.paranoid() + " and the agent (uid " + uid() + ") has neither "
                + "CAP_PERFMON nor CAP_SYS_ADMIN: set `sysctl kernel.perf_event_paranoid=0`, or give the agent CAP_PERFMON "
                + "(systemd: AmbientCapabilities=CAP_PERFMON; CAP_SYS_ADMIN before Linux 5.8), or run it as root");
    }

    private void sayPerfRefused(String why) {
        if (saidFailures.add(failureKey(SYSTEM, why))) {
            String triggers = String.join(", ", config.conditions().stream().map(TriggerCondition::toString).toList());
            log.event("triggered profiles: perf cannot record every CPU here, so " + triggers + " will "
                    + (config.jvm() ? "profile only a top process that is a JVM (async-profiler)" : "record nothing")
                    + ", and perf is not started: " + why);
        }
    }

    private static String uid() {
        try {
            return String.valueOf(java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    private static String failureKey(String what, String message) {
        return what.replaceAll("[0-9]+", "N") + ": " + message.replaceAll("[0-9]+", "N");
    }

    /** Sleeps out the duration; ends early when the profiler is done or the agent stops. */
    private Duration waitOut(BooleanSupplier done) {
        long begin = System.nanoTime();
        long end = begin + config.duration().toNanos();
        while (System.nanoTime() < end && !done.getAsBoolean() && !stopping.getAsBoolean()) {
            try {
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }
}
