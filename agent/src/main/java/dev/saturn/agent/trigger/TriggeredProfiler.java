package dev.saturn.agent.trigger;

import dev.saturn.agent.AgentLog;
import dev.saturn.agent.profile.ProfileStacks;
import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.agent.profile.StackRecording;
import dev.saturn.agent.profile.StoredProfile;
import dev.saturn.analyzers.use.UseReport;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The agent's sample listener for triggered profiles: checks the conditions on the sampling thread (cheap),
 * and records on a thread of its own, so that sampling never waits: perf on every CPU and, when the
 * top process is a JVM, async-profiler in it, for the same duration. At most one recording at a time,
 * and none within {@code minGap} of the last one's start.
 */
public final class TriggeredProfiler implements Consumer<UseReport>, AutoCloseable {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final TriggerConfig config;
    private final ProfileStore store;
    private final Clock clock;
    private final AgentLog log;
    private final TriggerWatch watch;
    private final AtomicBoolean recording = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ExecutorService recorder = daemonThreads("saturn-trigger");
    private final ExecutorService jvmRecorder = daemonThreads("saturn-trigger-jvm");
    private final Set<String> saidFailures = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long lastStartNanos;
    private boolean started;
    private boolean saidWaiting;

    public TriggeredProfiler(TriggerConfig config, ProfileStore store, Clock clock, AgentLog log) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.watch = new TriggerWatch(config.conditions(), log);
    }

    /** On the sampling thread: returns at once; a recording, if one starts, runs elsewhere. */
    @Override
    public void accept(UseReport report) {
        long now = System.nanoTime();
        Optional<TriggerWatch.Fired> fired = watch.check(report, now);
        if (fired.isEmpty() || recording.get() || closing.get()) {
            return;
        }
        if (started && now - lastStartNanos < config.minGap().toNanos()) {
            if (!saidWaiting) {
                long left = (config.minGap().toNanos() - (now - lastStartNanos)) / 1_000_000_000L;
                log.event("trigger " + fired.get().reason() + " holds, but the last profile started less than "
                        + TriggerConfig.format(config.minGap()) + " ago: the next can start in " + left + " s");
                saidWaiting = true;
            }
            return;
        }
        saidWaiting = false;
        started = true;
        lastStartNanos = now;
        watch.reset();
        recording.set(true);
        recorder.execute(() -> {
            try {
                record(fired.get());
            } catch (RuntimeException | Error e) {
                log.event("triggered profile failed: " + e);
            } finally {
                recording.set(false);
            }
        });
    }

    /** For the agent's start line. */
    public String describe() {
        return String.join(" or ", config.conditions().stream().map(TriggerCondition::toString).toList())
                + "; " + TriggerConfig.format(config.duration()) + " of perf on every CPU" + (config.jvm() ? " (and async-profiler in a top JVM)" : "")
                + ", at most one every " + TriggerConfig.format(config.minGap()) + ", last " + config.keep() + " kept in " + store.directory();
    }

    /** True while a triggered profile records (for tests and status). */
    public boolean recording() {
        return recording.get();
    }

    private void record(TriggerWatch.Fired fired) {
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
            } catch (java.util.concurrent.ExecutionException e) {
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
            Duration waited = StackRecording.perf(new PerfRecorder.Request(config.perf(), null, config.frequency()), false, jvm,
                    this::waitOut, stacks, w -> { });
            return save(base + "-system", "system", top.map(TopProcess.Found::pid).map(Long::valueOf).orElse(null),
                    top.map(TopProcess.Found::comm).orElse(null), "every CPU", how, Palette.HOT, start, fired, waited, stacks);
        } catch (ProfilingException | IOException e) {
            return failed("system-wide perf profile", e);
        }
    }

    private String recordJvm(TargetProcess jvm, String base, Instant start, TriggerWatch.Fired fired) {
        ProfileStacks stacks = new ProfileStacks();
        AsyncProfilerEvent cpu = AsyncProfilerEvent.CPU;
        String how = StackRecording.asyncProfilerMethod(cpu, config.frequency());
        try {
            Duration waited = StackRecording.asyncProfiler(jvm, new AsyncProfilerSession.Request(cpu, 1_000_000_000L / config.frequency(), false),
                    this::waitOut, stacks, w -> { });
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
        if (saidFailures.add(what.replaceAll("[0-9]+", "N") + ": " + message.replaceAll("[0-9]+", "N"))) {
            log.event("triggered profile: " + what + " failed: " + message);
        }
        return what + " failed (reason logged once)";
    }

    /** Sleeps out the duration; ends early when the profiler is done or the agent stops. */
    private Duration waitOut(BooleanSupplier done) {
        long begin = System.nanoTime();
        long end = begin + config.duration().toNanos();
        while (System.nanoTime() < end && !done.getAsBoolean() && !closing.get()) {
            try {
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Stops a recording in progress (its profile is still written) and waits for it, briefly. */
    @Override
    public void close() {
        closing.set(true);
        recorder.shutdown();
        jvmRecorder.shutdown();
        try {
            if (!recorder.awaitTermination(20, TimeUnit.SECONDS)) {
                recorder.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService daemonThreads(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }
}
