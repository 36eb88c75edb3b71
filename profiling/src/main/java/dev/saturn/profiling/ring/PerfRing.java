package dev.saturn.profiling.ring;

import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.perf.PerfRecorder;
import dev.saturn.collectors.perf.PerfStream;
import dev.saturn.flamegraph.folded.StackSink;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ring of recent stacks, kept by a thread of its own: a {@link PerfStream} of every CPU at a low rate, folded
 * a second at a time into a {@link StackRing}. When perf dies it is started again after 1 s, then 2, 4, ... up to
 * a minute (a run of a minute or more starts the count over). Where perf cannot record every CPU (not installed,
 * not allowed) the ring is unavailable, said once, and checked again every minute without starting perf.
 * Closing stops perf; a JVM killed outright takes perf with it (the stream's death signal).
 */
public final class PerfRing implements AutoCloseable {
    /** Per second of the ring: 30 s of 512 stacks of 128 K characters at most is about 8 MB of heap at worst. */
    public static final int MAX_STACKS_PER_SECOND = 512;
    public static final int MAX_CHARS_PER_SECOND = 128 * 1024;
    private static final long RECHECK_MS = 60_000;
    private static final long MAX_BACKOFF_MS = 60_000;

    /** Where the ring is: recording, waiting to start perf again, off for a reason, or stopped with the agent. */
    public enum State { STARTING, RUNNING, RESTARTING, UNAVAILABLE, STOPPED }

    /**
     * @param reason      why it is not running (null when it is)
     * @param samples     samples folded since the start
     * @param overCap     samples whose stacks a second's cap left out
     * @param perfPids    perf record's and perf script's pids while running
     */
    public record Status(State state, String reason, int seconds, int frequency, long samples, long overCap, List<Long> perfPids) {
        public Status {
            perfPids = List.copyOf(perfPids);
        }
    }

    private final String perf;
    private final int frequency;
    private final StackRing ring;
    private final StreamFolder folder;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean closed;
    private PerfStream stream;
    private Status status;

    /** @param log one line per event: off and why, perf died and when it restarts */
    public PerfRing(String perf, int seconds, int frequency, Consumer<String> log) {
        this.perf = perf;
        this.frequency = frequency;
        this.ring = new StackRing(seconds, MAX_STACKS_PER_SECOND, MAX_CHARS_PER_SECOND);
        this.folder = new StreamFolder(ring);
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
        return new Status(status.state(), status.reason(), ring.seconds(), frequency, folder.samples(), ring.overCapSamples(),
                status.perfPids());
    }

    public int frequency() {
        return frequency;
    }

    /**
     * The whole seconds the ring holds before the one of {@code boundaryNanos} ({@link System#nanoTime()}), at most
     * its length, into {@code sink} under the frame {@code root}.
     */
    public RingSlice before(long boundaryNanos, StackSink sink, String root) {
        return ring.before(boundaryNanos, ring.seconds(), sink, root);
    }

    /** True when the ring holds some second or is recording: a profile then has a part before its trigger. */
    public boolean active() {
        State s = status().state();
        return s == State.RUNNING || folder.samples() > 0;
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
                PerfStream s = PerfStream.start(perf, frequency);
                synchronized (this) {
                    if (closed) {
                        s.close();
                        break;
                    }
                    stream = s;
                }
                set(State.RUNNING, null, s.pids());
                if (failures > 0) {
                    log.accept("ring of recent stacks: perf runs again");
                }
                try {
                    folder.pump(s.output());
                } catch (IOException e) {
                    // the stream broke: the exit codes say why
                }
                s.awaitExit(2000);
                why = s.exitReason();
                s.close();
            } catch (ProfilingException e) {
                why = e.getMessage();
            }
            if (closed) {
                break;
            }
            failures = System.nanoTime() - started > MAX_BACKOFF_MS * 1_000_000 ? 1 : failures + 1;
            long wait = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(failures - 1, 6));
            log.accept("ring of recent stacks: " + why + "; perf starts again in " + wait / 1000 + " s");
            set(State.RESTARTING, why, List.of());
            pause(wait);
        }
        set(State.STOPPED, "stopped with the agent", List.of());
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
