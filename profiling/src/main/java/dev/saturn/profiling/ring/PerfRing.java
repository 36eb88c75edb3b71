package dev.saturn.profiling.ring;

import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.collectors.perf.PerfStream;
import dev.saturn.collectors.perf.SynthesizedEvents;
import dev.saturn.collectors.perf.SystemSampler;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.input.StackParsers;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackFormat;
import dev.saturn.flamegraph.parse.jfr.JfrOptions;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ring of recent stacks, kept by a thread of its own: every CPU sampled at a low rate by this JVM through
 * perf_event_open ({@link SystemSampler}: no perf process between triggers), its records kept as perf record would
 * write them in an {@link EventRing} of one bucket per second, and read by perf script only when a profile asks for
 * the seconds before its trigger ({@link #before}). What perf record would have written at its start for the
 * processes already running is read from /proc when the ring first samples each ({@link SynthesizedEvents}). Where the kernel refuses perf_event_open from the JVM (or
 * {@value #RECORDER_PROPERTY}=perf-record), perf record streams instead ({@link PerfStream}); {@link #recorder} says
 * which. When recording breaks it starts again after 1 s, then 2, 4, ... up to a minute (a run of a minute or more
 * starts the count over). Where perf cannot record every CPU (not installed, not allowed) the ring is unavailable,
 * said once, and checked again every minute.
 * Closing stops the recording; a JVM killed outright takes its events (or perf, by the stream's death signal) along.
 */
public final class PerfRing implements AutoCloseable {
    /** Per second of the ring (30 s of it is 3.75 MB at most): about 500 samples of 8 CPUs' deep stacks. */
    public static final int MAX_SAMPLE_BYTES_PER_SECOND = 128 * 1024;
    /** The process events kept to name the frames of the samples (a few MB on a host with thousands of processes). */
    public static final long MAX_EVENT_BYTES = 8L << 20;
    /** The frame that stands for the samples a full second of the ring could not keep. */
    public static final String OVER_CAP = "[ring: samples over the per-second cap, not kept]";
    /** Who records: this JVM through perf_event_open(2), or perf record where that is refused. */
    public static final String PERF_EVENT_OPEN = "perf_event_open";
    public static final String PERF_RECORD = "perf record";
    /** {@value #RECORDER_PROPERTY}=perf-record makes the ring run perf record, as it does when perf_event_open is refused. */
    public static final String RECORDER_PROPERTY = "saturn.ring.recorder";
    private static final int DRAIN_TIMEOUT_MS = 1000;
    /** Where a sample of {@link SystemSampler} holds its pid: after the header and the ip. */
    private static final int SAMPLE_PID = 16;
    private static final int FORK = 7;
    private static final long RECHECK_MS = 60_000;
    private static final long MAX_BACKOFF_MS = 60_000;

    /** Where the ring is: recording, waiting to start perf again, off for a reason, or stopped with the agent. */
    public enum State { STARTING, RUNNING, RESTARTING, UNAVAILABLE, STOPPED }

    /**
     * @param reason      why it is not running (null when it is)
     * @param samples     samples received since the start
     * @param overCap     samples a second's cap left out
     * @param perfPids    perf record's pid while running
     */
    public record Status(State state, String reason, int seconds, int frequency, long samples, long overCap, List<Long> perfPids) {
        public Status {
            perfPids = List.copyOf(perfPids);
        }
    }

    private final String perf;
    private final int frequency;
    private final EventRing ring;
    private final Consumer<String> log;
    private final Thread thread;
    private final SynthesizedEvents synthesized = new SynthesizedEvents(Path.of("/proc"));
    private volatile boolean closed;
    /** The ring's stream came from this JVM: perf script needs what perf record would have written at its start. */
    private volatile boolean synthesizing;
    private String jvmRefused;
    private volatile String recorder = PERF_EVENT_OPEN;
    private PerfStream stream;
    private Status status;

    /** @param log one line per event: off and why, perf died and when it restarts */
    public PerfRing(String perf, int seconds, int frequency, Consumer<String> log) {
        this.perf = perf;
        this.frequency = frequency;
        this.ring = new EventRing(seconds, MAX_SAMPLE_BYTES_PER_SECOND, MAX_EVENT_BYTES);
        this.log = log;
        this.status = new Status(State.STARTING, "starting", seconds, frequency, 0, 0, List.of());
        this.thread = new Thread(this::run, "saturn-ring");
        this.thread.setDaemon(true);
    }

    public PerfRing start() {
        thread.start();
        return this;
    }

    public synchronized Status status() {
        return new Status(status.state(), status.reason(), ring.seconds(), frequency, ring.samples(), ring.overCapSamples(),
                status.perfPids());
    }

    public int frequency() {
        return frequency;
    }

    /** {@link #PERF_EVENT_OPEN} or {@link #PERF_RECORD}: what records now, or last did. */
    public String recorder() {
        return recorder;
    }

    /**
     * The whole seconds the ring holds before the one of {@code boundaryNanos} ({@link System#nanoTime()}), at most
     * its length, as perf script reads them now, into {@code sink} under the frame {@code root}; the samples a
     * second's cap left out under {@link #OVER_CAP}.
     */
    public RingSlice before(long boundaryNanos, StackSink sink, String root, Consumer<String> warn) throws IOException {
        EventRing.Part part = ring.before(boundaryNanos, ring.seconds(), synthesizing ? synthesized.kernel() : null);
        if (part == null) {
            return RingSlice.EMPTY;
        }
        String prefix = root == null ? "" : root + ";";
        StackSink under = (stack, weight) -> sink.accept(prefix + stack, weight);
        Path dir = Files.createTempDirectory("saturn-ring-");
        try {
            Path data = Files.write(dir.resolve("ring.data"), part.data());
            Path log = dir.resolve("script.log");
            Process script = PerfStream.script(perf, data, log);
            ParseStats stats;
            try (InputStream in = script.getInputStream()) {
                stats = StackParsers.of(StackFormat.PERF, PerfCollapseOptions.defaults(), JfrOptions.DEFAULTS, warn).parse(in, under);
            }
            int exit = script.waitFor();
            if (exit != 0) {
                throw new ProfilingException("perf script of the ring failed (exit " + exit + "): " + PerfStream.lastLines(log));
            }
            if (part.overCapSamples() > 0) {
                under.accept(OVER_CAP, part.overCapSamples());
            }
            return new RingSlice(part.seconds(), stats.stacks() + part.overCapSamples(), part.overCapSamples());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProfilingException("interrupted while reading the ring");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** True when the ring holds some second or is recording: a profile then has a part before its trigger. */
    public boolean active() {
        return status().state() == State.RUNNING || ring.samples() > 0;
    }

    /** Bytes held: the events that name frames, and the samples. */
    public long heldBytes() {
        return ring.eventBytes() + ring.sampleBytes();
    }

    private void run() {
        int failures = 0;
        String saidOff = null;
        while (!closed) {
            Optional<String> refused = PerfRecorder.unavailable(perf, true);
            if (refused.isPresent()) {
                if (!refused.get().equals(saidOff)) {
                    log.accept("ring of recent stacks is off (profiles start at their trigger): " + refused.get());
                    saidOff = refused.get();
                }
                set(State.UNAVAILABLE, refused.get(), List.of());
                pause(RECHECK_MS);
                continue;
            }
            saidOff = null;
            long started = System.nanoTime();
            String why;
            try {
                SystemSampler sampler = jvmSampler();
                why = sampler != null ? record(sampler, failures) : recordWithPerf(failures);
            } catch (ProfilingException e) {
                why = e.getMessage();
            }
            if (why == null) {
                continue;
            }
            if (closed) {
                break;
            }
            failures = System.nanoTime() - started > MAX_BACKOFF_MS * 1_000_000 ? 1 : failures + 1;
            long wait = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(failures - 1, 6));
            log.accept("ring of recent stacks: " + why + "; recording starts again in " + wait / 1000 + " s");
            set(State.RESTARTING, why, List.of());
            pause(wait);
        }
        set(State.STOPPED, "stopped with the agent", List.of());
    }

    /**
     * This JVM's own sampling of every CPU, or null (said once a reason) where perf_event_open is refused or
     * {@value #RECORDER_PROPERTY} asks for perf record.
     */
    private SystemSampler jvmSampler() {
        if ("perf-record".equals(System.getProperty(RECORDER_PROPERTY))) {
            return null;
        }
        try {
            return SystemSampler.open(frequency);
        } catch (ProfilingException e) {
            if (!e.getMessage().equals(jvmRefused)) {
                log.accept("ring of recent stacks: " + e.getMessage() + "; perf record records instead");
                jvmRefused = e.getMessage();
            }
            return null;
        }
    }

    /**
     * Drains the sampler into the ring until closed (null) or the ring can keep no more process events (null too:
     * the caller starts anew at once); the reason when it broke. A process that ran before the sampler opened has
     * its names and mappings read from /proc at its first sample, as perf record would have read them at its start.
     */
    private String record(SystemSampler sampler, int failures) {
        try (sampler) {
            synchronized (this) {
                if (closed) {
                    return null;
                }
            }
            BitSet unnamed = synthesized.running();
            ring.clear();
            synthesizing = true;
            recorder = PERF_EVENT_OPEN;
            ring.header(sampler.pipeHeader());
            ring.accept(sampler.attrRecord());
            set(State.RUNNING, null, List.of());
            if (failures > 0) {
                log.accept("ring of recent stacks: recording again");
            }
            SystemSampler.Records into = new SystemSampler.Records() {
                @Override
                public void sample(byte[] record, int length) {
                    int pid = EventRing.u32(record, SAMPLE_PID);
                    if (pid > 0 && unnamed.get(pid)) {
                        unnamed.clear(pid);
                        synthesized.process(pid).forEach(ring::accept);
                    }
                    ring.acceptSample(record, length);
                }

                @Override
                public boolean event(byte[] record) {
                    if (EventRing.u32(record, 0) == FORK && EventRing.u32(record, 8) != EventRing.u32(record, 12)) {
                        unnamed.clear(EventRing.u32(record, 8)); // a new process, which the kernel's events name
                    }
                    return ring.accept(record);
                }
            };
            boolean saidLost = false;
            while (!closed) {
                if (!sampler.drain(DRAIN_TIMEOUT_MS, into)) {
                    ring.clear();
                    log.accept("ring of recent stacks: " + overflow() + "; recording starts anew");
                    return null;
                }
                if (!saidLost && sampler.lost() > 0) {
                    log.accept("ring of recent stacks: the kernel dropped " + sampler.lost()
                            + " records, its buffers being full (said once): some frames may be unnamed");
                    saidLost = true;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "perf_event_open recording failed: " + e;
        }
    }

    /** perf record's stream into the ring until it ends: why, or null when the ring starts anew at once. */
    private String recordWithPerf(int failures) {
        PerfStream s = PerfStream.start(perf, frequency);
        synchronized (this) {
            if (closed) {
                s.close();
                return null;
            }
            stream = s;
        }
        synthesizing = false;
        recorder = PERF_RECORD;
        set(State.RUNNING, null, s.pids());
        if (failures > 0) {
            log.accept("ring of recent stacks: perf runs again");
        }
        boolean overflow = false;
        try {
            overflow = !pump(s.output());
        } catch (IOException e) {
            // the stream broke: the exit code says why
        }
        if (overflow) {
            s.close();
            ring.clear();
            log.accept("ring of recent stacks: " + overflow() + "; perf starts anew");
            return null;
        }
        s.awaitExit(2000);
        String why = s.exitReason();
        s.close();
        return why;
    }

    private static String overflow() {
        return "more than " + (MAX_EVENT_BYTES >> 20) + " MB of process events to keep (processes start faster than they can be forgotten)";
    }

    /**
     * Hands perf's events to the ring until the stream ends (true) or the ring can keep no more process events
     * (false). Events are read whole: an 8-byte header whose last two bytes are the event's size.
     */
    private boolean pump(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 14));
        byte[] header = new byte[EventRing.PIPE_HEADER];
        in.readFully(header);
        if (!new String(header, 0, 8, StandardCharsets.ISO_8859_1).equals("PERFILE2")) {
            throw new IOException("perf record did not write its pipe format");
        }
        ring.clear();
        ring.header(header);
        byte[] head = new byte[8];
        byte[] sample = new byte[1 << 16];
        while (true) {
            try {
                in.readFully(head);
            } catch (EOFException e) {
                return true;
            }
            int size = EventRing.u16(head, 6);
            if (size < 8) {
                throw new IOException("a perf event of " + size + " bytes");
            }
            if (EventRing.isSample(head)) {
                System.arraycopy(head, 0, sample, 0, 8);
                in.readFully(sample, 8, size - 8);
                ring.acceptSample(sample, size);
                continue;
            }
            byte[] event = Arrays.copyOf(head, size);
            in.readFully(event, 8, size - 8);
            if (!ring.accept(event)) {
                return false;
            }
        }
    }

    private synchronized void set(State state, String reason, List<Long> pids) {
        status = new Status(state, reason, ring.seconds(), frequency, 0, 0, pids);
        if (state != State.RUNNING) {
            stream = null;
        }
    }

    private void pause(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!closed && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops perf and the thread; waits for both, briefly. */
    @Override
    public void close() {
        PerfStream s;
        synchronized (this) {
            closed = true;
            s = stream;
        }
        if (s != null) {
            s.close();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
