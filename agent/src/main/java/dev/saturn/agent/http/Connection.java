package dev.saturn.agent.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One client connection. Its request head is read by the I/O thread only (the fields without a lock); its answer
 * is a queue of buffers a worker (or the I/O thread) adds to and the I/O thread writes without blocking. A long
 * answer is made in parts: while {@link #OUT_LIMIT} bytes wait for a slow reader it is parked, holding no thread,
 * and goes on when the reader has caught up; a client that reads nothing for {@link AgentHttpServer#STALL_MILLIS}
 * is closed by the server's sweep.
 */
final class Connection {
    static final int OUT_LIMIT = 256 * 1024;
    static final int RESUME_BELOW = 64 * 1024;
    /** At most this much per write: the JDK copies a heap buffer into a direct one of its size (-XX:MaxDirectMemorySize=4m). */
    private static final int WRITE_SLICE = 64 * 1024;
    enum Flushed { PENDING, DONE, ABORTED }

    final SocketChannel channel;
    final SelectionKey key;
    final String peer;
    /** Asks the I/O thread to write: called when a part is queued on an empty queue (the thread may be waiting on others). */
    private final Consumer<Connection> wake;
    private final Thread ioThread;

    // I/O thread only
    byte[] in = new byte[4096];
    int inLength;
    int scanned;
    long deadlineNanos;
    boolean headStarted;
    boolean responding;
    RequestHead request;
    int answered;

    // shared with a worker: under this
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private long queued;
    private boolean ended;
    private boolean closeAfter;
    private boolean aborted;
    private boolean closed;
    private long lastProgressNanos;
    private Runnable resume;

    Connection(SocketChannel channel, SelectionKey key, String peer, Thread ioThread, Consumer<Connection> wake) {
        this.channel = channel;
        this.key = key;
        this.peer = peer;
        this.ioThread = ioThread;
        this.wake = wake;
    }

    /** Who and what, for log lines. */
    String detail() {
        return peer + (request == null ? "" : " " + request.summary());
    }

    /** A new answer begins: nothing queued, the stall clock starts now. */
    synchronized void begin(long nowNanos) {
        out.clear();
        queued = 0;
        ended = false;
        closeAfter = false;
        aborted = false;
        lastProgressNanos = nowNanos;
    }

    /** Adds a part of the answer (never waits: a streamed answer stops making parts while {@link #full}). */
    synchronized void send(ByteBuffer part) throws Closed {
        if (closed || aborted) {
            throw new Closed();
        }
        queued += part.remaining();
        out.add(part);
        if (out.size() == 1 && Thread.currentThread() != ioThread) {
            wake.accept(this);
        }
    }

    /**
     * True, and {@code resume} kept for the I/O thread to start when the client has read the queue down to
     * {@link #RESUME_BELOW}, while {@link #OUT_LIMIT} bytes wait; false when the answer may go on now.
     */
    synchronized boolean parkWhileFull(Runnable resume) throws Closed {
        if (closed || aborted) {
            throw new Closed();
        }
        if (queued <= OUT_LIMIT) {
            return false;
        }
        this.resume = resume;
        return true;
    }

    /** The answer is whole; the connection closes after it when {@code close}. */
    synchronized void end(boolean close) {
        ended = true;
        closeAfter = close;
    }

    /** The answer cannot be finished (a failure part-way): the connection is closed, what is queued dropped. */
    synchronized void abort() {
        aborted = true;
    }

    synchronized boolean closeAfter() {
        return closeAfter;
    }

    /** I/O thread: writes what the socket takes now; starts a parked answer again once the client has read enough. */
    Flushed flush(long nowNanos) throws IOException {
        Runnable go = null;
        Flushed flushed;
        synchronized (this) {
            if (aborted) {
                return Flushed.ABORTED;
            }
            flushed = ended ? Flushed.DONE : Flushed.PENDING;
            while (!out.isEmpty()) {
                ByteBuffer part = out.peek();
                ByteBuffer slice = part.duplicate();
                slice.limit(Math.min(part.limit(), part.position() + WRITE_SLICE));
                int n = channel.write(slice);
                part.position(part.position() + n);
                if (n > 0) {
                    queued -= n;
                    lastProgressNanos = nowNanos;
                }
                if (part.hasRemaining()) {
                    flushed = Flushed.PENDING;
                    break;
                }
                out.poll();
            }
            if (resume != null && queued < RESUME_BELOW) {
                go = resume;
                resume = null;
            }
        }
        if (go != null) {
            go.run();
        }
        return flushed;
    }

    synchronized boolean hasQueued() {
        return !out.isEmpty();
    }

    /** Bytes wait to be written and the client has taken none for the stall limit. */
    synchronized boolean stalled(long nowNanos) {
        return !out.isEmpty() && (nowNanos - lastProgressNanos) / 1_000_000 > AgentHttpServer.STALL_MILLIS;
    }

    synchronized void closed() {
        closed = true;
        out.clear();
        resume = null;
    }

    /** The connection was closed (and its failure counted) while an answer was being made. */
    static final class Closed extends IOException {
        Closed() {
            super("connection closed", null);
        }
    }
}
