package dev.saturn.flamegraph.parse.perf;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Reads the next chunks on a thread of its own while the caller collapses the current one, so
 * that reading the input (about a fifth of the time, on a warm page cache) overlaps the parse.
 * Inputs of one chunk are read on the caller's thread only.
 */
final class ReadAhead implements AutoCloseable {
    private static final Object END = new Object();

    private final ChunkReader reader;
    private final Handoff ahead = new Handoff(3);
    private Thread thread;
    private boolean done;

    ReadAhead(ChunkReader reader) {
        this.reader = reader;
    }

    /** The next chunk, or null at the end of the input. */
    ChunkReader.Chunk next() throws IOException {
        if (done) {
            return null;
        }
        if (thread == null) {
            ChunkReader.Chunk first = reader.next();
            if (first == null || first.last()) {
                done = true;
            } else {
                thread = new Thread(new Reading(reader, ahead), "saturn-collapse-read");
                thread.setDaemon(true);
                thread.start();
            }
            return first;
        }
        Object next;
        try {
            next = ahead.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        }
        if (next == END) {
            done = true;
            return null;
        }
        if (next instanceof IOException e) {
            done = true;
            throw new IOException(e.getMessage(), e);
        }
        if (next instanceof RuntimeException e) {
            done = true;
            throw e;
        }
        return (ChunkReader.Chunk) next;
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** A class rather than a lambda: linking a lambda costs a cold JVM a few milliseconds. */
    private static final class Reading implements Runnable {
        private final ChunkReader reader;
        private final Handoff ahead;

        Reading(ChunkReader reader, Handoff ahead) {
            this.reader = reader;
            this.ahead = ahead;
        }

        @Override
        public void run() {
            try {
                try {
                    for (ChunkReader.Chunk c = reader.next(); c != null; c = reader.next()) {
                        ahead.put(c);
                    }
                    ahead.put(END);
                } catch (IOException | RuntimeException e) {
                    ahead.put(e);
                }
            } catch (InterruptedException e) {
                // the parse is over: nobody reads what is left
            }
        }
    }

    /**
     * A bounded queue on the object's monitor. java.util.concurrent's queues park through
     * ForkJoinPool.managedBlock, whose classes and static set-up cost a cold start several ms.
     */
    private static final class Handoff {
        private final Object[] items;
        private int head;
        private int size;

        Handoff(int capacity) {
            items = new Object[capacity];
        }

        synchronized void put(Object item) throws InterruptedException {
            while (size == items.length) {
                wait();
            }
            items[(head + size++) % items.length] = item;
            notifyAll();
        }

        synchronized Object take() throws InterruptedException {
            while (size == 0) {
                wait();
            }
            Object item = items[head];
            items[head] = null;
            head = (head + 1) % items.length;
            size--;
            notifyAll();
            return item;
        }
    }
}
