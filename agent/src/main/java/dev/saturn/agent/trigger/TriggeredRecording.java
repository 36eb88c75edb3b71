package dev.saturn.agent.trigger;

import dev.saturn.agent.AgentLog;
import dev.saturn.agent.profile.ProfileStacks;
import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.agent.profile.StackRecording;
import dev.saturn.agent.profile.StoredProfile;
import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.jvm.AsyncProfilerEvent;
import dev.saturn.collectors.jvm.AsyncProfilerSession;
import dev.saturn.collectors.jvm.TargetProcess;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.flamegraph.svg.Palette;
import dev.saturn.flamegraph.svg.SvgOptions;
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

    TriggeredRecording(TriggerConfig config, ProfileStore store, Clock clock, AgentLog log, BooleanSupplier stopping) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.stopping = stopping;
    }

    void record(TriggerWatch.Fired fired, ExecutorService jvmRecorder) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<TopProcess.Found> top;
        try {
            top = TopProcess.over(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        TargetProcess jvm = top.flatMap(this::jvm).orElse(null);
        log.event("triggered profile: " + fired.reason() + "; recording every CPU with perf"
                + (jvm != null ? " and JVM " + jvm.label() + " with async-profiler" : "")
                + " for " + TriggerConfig.format(config.duration())
                + top.map(t -> " (top process " + t.pid() + " " + t.comm() + ")").orElse(""));
        String base = ID_TIME.format(start) + "-" + fired.condition().slug();
        Future<String> jvmDone = jvm == null || !config.jvm() ? null
                : jvmRecorder.submit(() -> recordJvm(jvm, base, start, fired));
        List<String> results = new ArrayList<>();
        results.add(recordSystem(base, start, fired, top, jvm));
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
        log.event("triggered profile ended: " + String.join("; ", results));
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

    private String recordSystem(String base, Instant start, TriggerWatch.Fired fired, Optional<TopProcess.Found> top, TargetProcess jvm) {
        ProfileStacks stacks = new ProfileStacks();
        String how = StackRecording.perfMethod(config.frequency());
        try {
            Duration waited = StackRecording.perf(new PerfRecorder.Request(config.perf(), null, config.frequency()), false,
                    () -> jvm == null ? List.of() : List.of(jvm),
                    this::waitOut, stacks, this::warnOnce);
            return save(base + "-system", "system", top.map(TopProcess.Found::pid).map(Long::valueOf).orElse(null),
                    top.map(TopProcess.Found::comm).orElse(null), "every CPU", how, Palette.HOT, start, fired, waited, stacks);
        } catch (ProfilingException | IOException e) {
            return failed(SYSTEM, e);
        }
    }

    private String recordJvm(TargetProcess jvm, String base, Instant start, TriggerWatch.Fired fired) {
        ProfileStacks stacks = new ProfileStacks();
        AsyncProfilerEvent cpu = AsyncProfilerEvent.CPU;
        String how = StackRecording.asyncProfilerMethod(cpu, config.frequency());
        try {
            Duration waited = StackRecording.asyncProfiler(jvm, new AsyncProfilerSession.Request(cpu, 1_000_000_000L / config.frequency(), false),
                    this::waitOut, stacks, this::warnOnce);
            return save(base + "-pid-" + jvm.pid() + "-java", "jvm", jvm.pid(), jvm.comm(), "JVM " + jvm.label(), how,
                    Palette.JAVA, start, fired, waited, stacks);
        } catch (ProfilingException | IOException e) {
            return failed("async-profiler profile of JVM " + jvm.label(), e);
        }
    }

    private String save(String idBase, String kind, Long pid, String command, String what, String how, Palette palette,
            Instant start, TriggerWatch.Fired fired, Duration waited, ProfileStacks stacks) throws IOException {
        String seconds = String.format(Locale.ROOT, "%.1f s", waited.toMillis() / 1000.0);
        if (stacks.samples() == 0) {
            return failed("profile of " + what, new ProfilingException("no samples in " + seconds));
        }
        String id = store.newId(idBase);
        SvgOptions svg = SvgOptions.builder()
                .title("Triggered profile of " + what)
                .subtitle(fired.reason() + "; " + how + ", " + seconds + " from " + start)
                .countName("samples").palette(palette).build();
        long bytes = stacks.write(store.file(id, "svg"), store.file(id, "folded"), svg);
        store.add(new StoredProfile(id, start.toString(), fired.reason(), kind, pid, command,
                waited.toMillis() / 1000.0, stacks.samples(), bytes));
        return "wrote " + store.directory().resolve(id + ".svg") + " (" + stacks.samples() + " samples)";
    }

    /** The reason once per distinct failure, in a line of its own (a missing perf is said once, not every trigger). */
    private String failed(String what, Exception e) {
        String message = e instanceof ProfilingException ? e.getMessage() : e.toString();
        if (saidFailures.add(failureKey(what, message))) {
            log.event("triggered profile: " + what + " failed: " + message);
        }
        return what + " failed (reason logged once)";
    }

    private void warnOnce(String warning) {
        if (saidFailures.add(failureKey("warning", warning))) {
            log.event("triggered profile: warning: " + warning);
        }
    }

    /** At the agent's start: a perf that cannot record is said then, and not again at each trigger. */
    void checkPerf() {
        PerfRecorder.unavailable(config.perf(), true).ifPresent(why -> {
            saidFailures.add(failureKey(SYSTEM, why));
            log.event("triggered profiles: perf cannot record here, so " + (config.jvm() ? "only JVM profiles will be" : "none will be")
                    + ": " + why);
        });
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
