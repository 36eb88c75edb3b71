package dev.saturn.agent.trigger;

import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.profiling.ring.PerfRing;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The agent's sample listener for triggered profiles: checks the conditions on the sampling thread (cheap),
 * and records on a thread of its own, so that sampling never waits: the profile that fits the condition's resource
 * ({@link TriggeredRecording}) for the configured duration. At most one recording at a time,
 * and none within {@code minGap} of the start of the last one that wrote a profile.
 */
public final class TriggeredProfiler implements Consumer<UseReport>, AutoCloseable {
    private final TriggerConfig config;
    private final ProfileStore store;
    private final AgentLog log;
    private final TriggerWatch watch;
    private final AtomicBoolean recording = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ExecutorService recorder = daemonThreads("saturn-trigger");
    private final ExecutorService jvmRecorder = daemonThreads("saturn-trigger-jvm");
    private final TriggeredRecording recordings;
    private final PerfRing ring;
    /** Written by the recorder thread before {@code recording} is cleared, read by the sampling thread after it. */
    private volatile long lastWrittenStartNanos;
    private volatile boolean written;
    private volatile long retryNotBeforeNanos;
    private volatile int emptyAttempts;
    private boolean saidWaiting;

    public TriggeredProfiler(TriggerConfig config, ProfileStore store, Clock clock, AgentLog log) {
        this.config = config;
        this.store = store;
        this.log = log;
        this.watch = new TriggerWatch(config.conditions(), log);
        this.ring = config.ring().enabled() ? new PerfRing(config.perf(), config.ring().seconds(), config.ring().frequency(), log::event) : null;
        this.recordings = new TriggeredRecording(config, store, clock, log, closing::get, ring);
    }

    /**
     * /api/v1/profiles' "ring": state (running, starting, restarting, unavailable, off, stopped), reason when not
     * running, seconds, frequency_hz, samples, over_cap_samples.
     */
    public Map<String, Object> ringJson() {
        return ringJson(ring, config.ring());
    }

    /** The ring's entry for an agent with no trigger, or with the ring off. */
    public static Map<String, Object> ringJson(PerfRing ring, RingSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ring == null) {
            m.put("state", "off");
            m.put("reason", settings.enabled() ? "triggered profiles are off" : "turned off (--no-ring or trigger.ring = false)");
            return m;
        }
        PerfRing.Status s = ring.status();
        m.put("state", s.state().name().toLowerCase(Locale.ROOT));
        if (s.reason() != null) {
            m.put("reason", s.reason());
        }
        m.put("seconds", s.seconds());
        m.put("frequency_hz", s.frequency());
        m.put("recorder", ring.recorder());
        m.put("samples", s.samples());
        m.put("over_cap_samples", s.overCap());
        return m;
    }

    /**
     * On the sampling thread: returns at once; a recording, if one starts, runs elsewhere. The gap counts from the
     * start of the last attempt that wrote a profile; an attempt that wrote none (perf failed, no samples) starts no
     * gap but a retry wait (see {@link TriggerConfig#retryWait}), so a broken perf is not started at every sample.
     */
    @Override
    public void accept(UseReport report) {
        long now = System.nanoTime();
        Optional<TriggerWatch.Fired> fired = watch.check(report, now);
        if (fired.isEmpty() || recording.get() || closing.get()) {
            return;
        }
        if (written && now - lastWrittenStartNanos < config.minGap().toNanos()) {
            if (!saidWaiting) {
                long left = (config.minGap().toNanos() - (now - lastWrittenStartNanos)) / 1_000_000_000L;
                log.event("trigger " + fired.get().reason() + " holds, but the last profile started less than "
                        + TriggerConfig.format(config.minGap()) + " ago: the next can start in " + left + " s");
                saidWaiting = true;
            }
            return;
        }
        if (emptyAttempts > 0 && now - retryNotBeforeNanos < 0) {
            return;
        }
        saidWaiting = false;
        watch.reset();
        recording.set(true);
        recorder.execute(() -> {
            try {
                if (recordings.record(fired.get(), jvmRecorder)) {
                    lastWrittenStartNanos = now;
                    written = true;
                    emptyAttempts = 0;
                } else {
                    emptyAttempts++;
                    retryNotBeforeNanos = System.nanoTime() + config.retryWait(emptyAttempts).toNanos();
                }
            } catch (RuntimeException | Error e) {
                log.event("triggered profile failed: " + e);
                emptyAttempts++;
                retryNotBeforeNanos = System.nanoTime() + config.retryWait(emptyAttempts).toNanos();
            } finally {
                recording.set(false);
            }
        });
    }

    /** Says at the start, once, when perf cannot record here; starts the ring, which says the same for itself. */
    public void checkTools() {
        recordings.checkPerf();
        if (ring != null) {
            ring.start();
        }
    }

    /** For the agent's start line. */
    public String describe() {
        return String.join(" or ", config.conditions().stream().map(TriggerCondition::toString).toList())
                + "; " + TriggerConfig.format(config.duration()) + " of perf: on every CPU" + (config.jvm() ? " (and async-profiler in a top JVM)" : "")
                + " for cpu, time off CPU of the top I/O processes for disk, io and filesystem, page faults of the growing processes for memory"
                + (config.minGap().isZero() ? ", no gap between them" : ", at most one every " + TriggerConfig.format(config.minGap())) + ", last " + config.keep() + " kept in " + store.directory()
                + (ring == null ? "; no ring of recent stacks (profiles start at their trigger)"
                        : "; each system profile begins with the " + config.ring().seconds() + " s before its trigger, from a ring of perf at "
                        + config.ring().frequency() + " Hz");
    }

    /** Stops a recording in progress (its profile is still written) and waits for it, briefly. */
    @Override
    public void close() {
        closing.set(true);
        if (ring != null) {
            ring.close();
        }
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
            return t;
        });
    }
}
