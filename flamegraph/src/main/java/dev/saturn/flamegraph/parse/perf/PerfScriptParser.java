package dev.saturn.flamegraph.parse.perf;

import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.parse.CountUnit;
import dev.saturn.flamegraph.parse.ParseStats;
import dev.saturn.flamegraph.parse.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * {@code perf script} output to stacks, with stackcollapse-perf.pl's semantics and options.
 *
 * <p>Reads bytes in chunks of whole lines; once the event to keep is known, chunks that hold
 * whole samples are collapsed by worker threads, each with its own caches and counts, and the
 * counts are merged at the end; the first 64 MB are read on the caller's thread, while the JIT
 * warms up. Memory grows with the distinct lines and stacks, not with the input.
 *
 * <p>Differences from the Perl script: the last sample is kept when the input lacks a final blank line
 * (FlameGraph #230), one-character process names are read right (#259), CRLF line ends are
 * accepted, and a line over 16 MB is counted invalid rather than read.
 */
public final class PerfScriptParser implements StackParser {
    private static final int CHUNK = 1 << 20;
    private static final int MAX_LINE = 16 << 20;
    /**
     * Below this, one thread: every worker would warm its own caches while the JIT compiles, and on
     * two CPUs that costs more than it saves (measured on 60 MB of perf script).
     */
    private static final long PARALLEL_AFTER = 64L << 20;

    private final PerfCollapseOptions options;
    private final Consumer<String> warnings;
    private final int threads;
    private final int chunkSize;
    private final int maxLine;
    private final long parallelAfter;

    /** @param warnings receives one-line warnings, such as the event types left out */
    public PerfScriptParser(PerfCollapseOptions options, Consumer<String> warnings) {
        this(options, warnings, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }

    /** @param threads worker threads for inputs of more than 64 MB (1: all on the caller's thread) */
    public PerfScriptParser(PerfCollapseOptions options, Consumer<String> warnings, int threads) {
        this(options, warnings, threads, CHUNK, MAX_LINE, PARALLEL_AFTER);
    }

    /** Small chunks, lines and inputs let tests cut small inputs as a large one is cut. */
    PerfScriptParser(PerfCollapseOptions options, Consumer<String> warnings, int threads, int chunkSize, int maxLine,
            long parallelAfter) {
        this.options = options;
        this.warnings = warnings;
        this.threads = Math.max(1, threads);
        this.chunkSize = chunkSize;
        this.maxLine = Math.max(chunkSize, maxLine);
        this.parallelAfter = parallelAfter;
    }

    @Override
    public ParseStats parse(InputStream in, StackSink sink) throws IOException {
        EventChoice events = new EventChoice(options.eventFilter());
        ChunkCollapser sequential = new ChunkCollapser(options, events);
        ChunkReader reader = new ChunkReader(in, chunkSize, maxLine);
        List<ChunkCollapser.ChunkStats> stats = new ArrayList<>();
        Workers workers = null;
        try (ReadAhead chunks = new ReadAhead(reader)) {
            boolean startsSample = true;
            int index = 0;
            long read = 0;
            for (ChunkReader.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next(), index++) {
                if (chunk.longLine()) {
                    stats.add(sequential.skippedLongLine());
                    continue;
                }
                if (!events.chosen()) {
                    events.chooseFirstIn(chunk.bytes(), chunk.length());
                }
                boolean independent = startsSample && (chunk.endsSample() || chunk.last()) && events.chosen();
                if (independent && threads > 1 && read >= parallelAfter && !(index == 0 && chunk.last())) {
                    if (workers == null) {
                        workers = new Workers(threads, options, events, reader);
                    }
                    stats.add(null);
                    workers.submit(chunk, stats.size() - 1);
                } else {
                    stats.add(sequential.collapse(chunk.bytes(), 0, chunk.length()));
                    reader.recycle(chunk.bytes());
                }
                startsSample = chunk.endsSample();
                read += chunk.length();
            }
            List<ChunkCollapser> collapsers = new ArrayList<>();
            collapsers.add(sequential);
            if (workers != null) {
                workers.finish(stats);
                collapsers.addAll(workers.collapsers);
                workers = null;
            }
            return merge(collapsers, stats, events, sink);
        } finally {
            if (workers != null) {
                workers.abort();
            }
        }
    }

    private ParseStats merge(List<ChunkCollapser> collapsers, List<ChunkCollapser.ChunkStats> stats, EventChoice events,
            StackSink sink) {
        long samples = 0;
        boolean periods = false;
        // Sorted: which thread saw an event first must not change the message.
        Set<String> skipped = new TreeSet<>();
        for (ChunkCollapser c : collapsers) {
            c.endOfInput();
            c.drainTo(sink);
            samples += c.samples();
            periods |= c.periodsSummed();
            skipped.addAll(c.skippedEvents());
        }
        if (!skipped.isEmpty() && events.defaulted()) {
            warnings.accept("the input holds several event types: kept only " + events.wanted()
                    + " (the first), left out " + String.join(", ", skipped) + "; choose one with --event-filter");
        } else if (!skipped.isEmpty() && samples == 0) {
            warnings.accept("no sample of event " + events.wanted() + "; the input holds " + String.join(", ", skipped));
        }
        long lines = 0;
        long invalid = 0;
        long first = 0;
        for (ChunkCollapser.ChunkStats s : stats) {
            if (first == 0 && s.invalid() > 0) {
                first = lines + s.firstInvalid();
            }
            invalid += s.invalid();
            lines += s.lines();
        }
        // perf script prints a period only before an event name (HeaderLine), so the event is known
        CountUnit unit = periods ? CountUnit.periodsOf(events.wanted()) : CountUnit.SAMPLES;
        return new ParseStats(invalid, first, samples, unit);
    }

    /** Threads that collapse independent chunks, each into its own collapser. */
    private static final class Workers {
        private static final Job END = new Job(null, -1);

        private final BlockingQueue<Job> queue;
        private final List<Thread> threads = new ArrayList<>();
        private final List<ChunkCollapser> collapsers = new ArrayList<>();
        private final List<Job> done = Collections.synchronizedList(new ArrayList<>());
        private volatile Throwable failure;

        Workers(int count, PerfCollapseOptions options, EventChoice events, ChunkReader reader) {
            queue = new ArrayBlockingQueue<>(2 * count);
            for (int i = 0; i < count; i++) {
                ChunkCollapser collapser = new ChunkCollapser(options, events);
                collapsers.add(collapser);
                Thread t = new Thread(new Worker(this, collapser, reader), "saturn-collapse-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        void submit(ChunkReader.Chunk chunk, int index) throws IOException {
            rethrow();
            put(new Job(chunk, index));
        }

        void run(ChunkCollapser collapser, ChunkReader reader) {
            while (true) {
                Job job;
                try {
                    job = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (job == END) {
                    return;
                }
                // After a failure, keep taking jobs so that the reader never blocks on a full queue.
                if (failure == null) {
                    try {
                        job.stats = collapser.collapse(job.chunk.bytes(), 0, job.chunk.length());
                        done.add(job);
                    } catch (Throwable e) {
                        failure = e;
                    }
                }
                reader.recycle(job.chunk.bytes());
            }
        }

        /** Waits for the workers and puts each chunk's line counts in its place. */
        void finish(List<ChunkCollapser.ChunkStats> stats) throws IOException {
            for (int i = 0; i < threads.size(); i++) {
                put(END);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while collapsing");
                }
            }
            rethrow();
            for (Job job : done) {
                stats.set(job.index, job.stats);
            }
        }

        void abort() {
            for (Thread t : threads) {
                t.interrupt();
            }
        }

        private void put(Job job) throws IOException {
            try {
                queue.put(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while collapsing");
            }
        }

        private void rethrow() {
            Throwable f = failure;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
        }
    }

    /** A class rather than a lambda: linking a lambda costs a cold JVM a few milliseconds. */
    private static final class Worker implements Runnable {
        private final Workers workers;
        private final ChunkCollapser collapser;
        private final ChunkReader reader;

        Worker(Workers workers, ChunkCollapser collapser, ChunkReader reader) {
            this.workers = workers;
            this.collapser = collapser;
            this.reader = reader;
        }

        @Override
        public void run() {
            workers.run(collapser, reader);
        }
    }

    private static final class Job {
        final ChunkReader.Chunk chunk;
        final int index;
        ChunkCollapser.ChunkStats stats;

        Job(ChunkReader.Chunk chunk, int index) {
            this.chunk = chunk;
            this.index = index;
        }
    }
}
