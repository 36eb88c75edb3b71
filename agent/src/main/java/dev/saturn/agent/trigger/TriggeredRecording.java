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
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.profiling.StackRecording;
import dev.saturn.profiling.ring.PerfRing;
import dev.saturn.profiling.ring.RingSlice;
import java.io.IOException;
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
import java.util.function.BooleanSupplier;

/**
 * What one trigger records: finds the top process, runs perf on every CPU and, when the top process is a
 * JVM, async-profiler in it at the same time, and stores their flame graphs. A failure is logged once per
 * distinct reason (a missing perf is said once, not at every trigger).
 */
final class TriggeredRecording {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String SYSTEM = "system-wide perf profile";

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
        Optional<String> perfRefused = systemWideRefusal();
        perfRefused.ifPresent(this::sayPerfRefused);
        if (perfRefused.isPresent() && !config.jvm()) {
            notTaken(fired, "perf cannot record every CPU here (said at the start), and JVM profiles are off");
            return false;
        }
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<TopProcess.Found> top;
        try {
            top = TopProcess.over(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        TargetProcess jvm = top.flatMap(this::jvm).orElse(null);
        if (perfRefused.isPresent() && jvm == null) {
            notTaken(fired, "perf cannot record every CPU here (said at the start), and the top process is not a JVM");
            return false;
        }
        log.event("triggered profile: " + fired.reason() + "; recording "
                + (perfRefused.isEmpty() ? "every CPU with perf" + (jvm != null ? " and " : "") : "")
                + (jvm != null ? "JVM " + jvm.label() + " with async-profiler" : "")
                + " for " + TriggerConfig.format(config.duration())
                + top.map(t -> " (top process " + t.pid() + " " + t.comm() + ")").orElse(""));
        String base = ID_TIME.format(start) + "-" + fired.condition().slug();
        Future<Outcome> jvmDone = jvm == null ? null : jvmRecorder.submit(() -> recordJvm(jvm, base, start, fired));
        List<Outcome> results = new ArrayList<>();
        if (perfRefused.isEmpty()) {
            results.add(recordSystem(base, start, fired, top, jvm));
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
        boolean written = results.stream().anyMatch(Outcome::written);
        log.event("triggered profile ended: " + String.join("; ", results.stream().map(Outcome::text).toList())
                + (written ? "" : "; nothing written, so no gap: the next attempt can start once a condition holds anew, "
                        + "after a wait that doubles with each attempt that writes nothing"));
        return written;
    }

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
    private Outcome recordSystem(String base, Instant start, TriggerWatch.Fired fired, Optional<TopProcess.Found> top, TargetProcess jvm) {
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
            return save(base + "-system", "system", top.map(TopProcess.Found::pid).map(Long::valueOf).orElse(null),
                    top.map(TopProcess.Found::comm).orElse(null), "every CPU", how, Palette.HOT, start, fired, waited, stacks, before);
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

    private Outcome recordJvm(TargetProcess jvm, String base, Instant start, TriggerWatch.Fired fired) {
        ProfileStacks stacks = new ProfileStacks();
        AsyncProfilerEvent cpu = AsyncProfilerEvent.CPU;
        String how = StackRecording.asyncProfilerMethod(cpu, config.frequency());
        try {
            Duration waited = StackRecording.asyncProfiler(jvm, new AsyncProfilerSession.Request(cpu, 1_000_000_000L / config.frequency(), false),
                    this::waitOut, stacks, this::warnOnce);
            return save(base + "-pid-" + jvm.pid() + "-java", "jvm", jvm.pid(), jvm.comm(), "JVM " + jvm.label(), how,
                    Palette.JAVA, start, fired, waited, stacks, null);
        } catch (ProfilingException | IOException e) {
            return failed("async-profiler profile of JVM " + jvm.label(), e);
        }
    }

    private Outcome save(String idBase, String kind, Long pid, String command, String what, String how, Palette palette,
            Instant start, TriggerWatch.Fired fired, Duration waited, ProfileStacks stacks, RingSlice before) throws IOException {
        String seconds = String.format(Locale.ROOT, "%.1f s", waited.toMillis() / 1000.0);
        if (stacks.samples() == (before == null ? 0 : before.samples())) {
            return failed("profile of " + what, new ProfilingException("no samples in " + seconds));
        }
        String id = store.newId(idBase);
        SvgOptions svg = SvgOptions.builder()
                .title("Triggered profile of " + what)
                .subtitle(fired.reason() + "; " + how + ", " + seconds + " from " + start
                        + (before == null ? "" : String.format(Locale.ROOT, "; %s: the %d s before, from the ring at %d Hz (%d samples), %s: the trigger's %s",
                                StoredProfile.BEFORE_TRIGGER, before.seconds(), ring.frequency(), before.samples(), StoredProfile.AFTER_TRIGGER, seconds)))
                .countName("samples").palette(palette).build();
        long bytes = stacks.write(store.file(id, "svg"), store.file(id, "folded"), svg);
        store.add(new StoredProfile(id, start.toString(), fired.reason(), kind, pid, command,
                waited.toMillis() / 1000.0, stacks.samples(), bytes, before == null ? null : before.seconds(),
                before == null ? null : before.samples(), before == null ? null : ring.frequency()));
        return new Outcome("wrote " + store.directory().resolve(id + ".svg") + " (" + stacks.samples() + " samples"
                + (before == null ? "" : ", " + before.samples() + " of them from the " + before.seconds() + " s before the trigger") + ")", true);
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
