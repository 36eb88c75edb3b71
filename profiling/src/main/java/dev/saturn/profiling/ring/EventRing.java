package dev.saturn.profiling.ring;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A stream in perf record's pipe format (perf's own, or the kernel's records read by the JVM) of the last
 * {@code seconds} seconds, kept as written: its samples in one
 * bucket per second of CLOCK_MONOTONIC, and the events that name their frames (the event's description, which
 * process runs which program, which files it has mapped) for as long as a kept sample may need them. Nothing is
 * symbolized or folded here: {@link #before} gives back a stream that perf script reads when a profile is wanted.
 *
 * <p>Memory is bounded: each second keeps at most {@code maxSampleBytes} of samples (the rest are counted, not
 * kept), and the events of a process go once it has exited and its last samples have left the ring, or a few
 * seconds after it exited when the ring holds no sample of it (most short-lived processes, at 19 Hz). Beyond
 * {@code maxEventBytes} of such events (a host that starts processes faster than they can be forgotten),
 * {@link #accept} says so and the caller starts over.
 */
final class EventRing {
    static final int PIPE_HEADER = 16;
    private static final int MMAP = 1;
    private static final int COMM = 3;
    private static final int EXIT = 4;
    private static final int FORK = 7;
    private static final int SAMPLE = 9;
    private static final int MMAP2 = 10;
    private static final int NAMESPACES = 16;
    private static final int KSYMBOL = 17;
    private static final int TEXT_POKE = 20;
    private static final int HEADER_ATTR = 64;
    private static final int FINISHED_ROUND = 68;
    private static final long SAMPLE_IDENTIFIER = 1L << 16;
    private static final long SAMPLE_IP = 1;
    private static final long SAMPLE_TID = 2;
    private static final long SAMPLE_TIME = 4;
    private static final long NANOS = 1_000_000_000L;

    private final int seconds;
    private final int maxSampleBytes;
    private final long maxEventBytes;
    private final Bucket[] buckets;
    private final ArrayDeque<Kept> events = new ArrayDeque<>();
    /** Processes that exited: the sequence number of their exit event, and its time. */
    private final Map<Integer, long[]> exited = new HashMap<>();
    /** Threads that exited while their process lives on: their own events (name, fork, exit) go in time. */
    private final Map<Integer, long[]> exitedThreads = new HashMap<>();
    /** The last second each process had a sample in: a process that exited with none in the ring is forgotten early. */
    private final Map<Integer, Long> sampledAt = new HashMap<>();
    private byte[] header;
    private int timeOffset = -1;
    private int pidOffset = -1;
    private long seq;
    private long eventBytes;
    private long newestSecond = Long.MIN_VALUE;
    private long prunedAtSecond = Long.MIN_VALUE;
    private long samples;
    private long overCapSamples;

    EventRing(int seconds, int maxSampleBytes, long maxEventBytes) {
        this.seconds = seconds;
        this.maxSampleBytes = maxSampleBytes;
        this.maxEventBytes = maxEventBytes;
        this.buckets = new Bucket[seconds];
    }

    int seconds() {
        return seconds;
    }

    /** The stream's first 16 bytes ("PERFILE2" and the size of that header). */
    synchronized void header(byte[] pipeHeader) {
        header = pipeHeader.clone();
    }

    /**
     * One whole event as perf wrote it; false when the events to keep went over their bound: the caller then starts
     * over with a new stream ({@link #clear}).
     */
    synchronized boolean accept(byte[] e) {
        int type = u32(e, 0);
        if (type == SAMPLE) {
            sample(e, e.length);
            return true;
        }
        if (type == HEADER_ATTR && timeOffset < 0) {
            long sampleType = u64(e, 8 + 24);
            timeOffset = sampleTimeOffset(sampleType);
            pidOffset = (sampleType & SAMPLE_TID) == 0 ? -1 : timeOffset - 8;
        }
        if (!kept(type)) {
            return true;
        }
        int pid = type == MMAP || type == COMM || type == EXIT || type == FORK || type == MMAP2 || type == NAMESPACES ? u32(e, 8) : -1;
        long n = ++seq;
        boolean threadEvent = type == COMM || type == FORK || type == EXIT;
        int tid = type == COMM ? u32(e, 12) : type == FORK || type == EXIT ? u32(e, 16) : -1;
        events.add(new Kept(n, pid, threadEvent ? tid : -1, e));
        eventBytes += e.length;
        if (type == EXIT && pid == tid) {
            exited.put(pid, new long[] {n, u64(e, 24)});
        } else if (type == EXIT) {
            exitedThreads.put(tid, new long[] {n, u64(e, 24)});
        }
        if (eventBytes > maxEventBytes) {
            forgetExited(Long.MAX_VALUE, Long.MAX_VALUE);
            return eventBytes <= maxEventBytes;
        }
        return true;
    }

    /** A sample in {@code b[0, length)}, copied: the caller reuses its buffer. */
    synchronized void acceptSample(byte[] b, int length) {
        sample(b, length);
    }

    static boolean isSample(byte[] head) {
        return u32(head, 0) == SAMPLE;
    }

    /** Everything, for a new stream. */
    synchronized void clear() {
        events.clear();
        exited.clear();
        exitedThreads.clear();
        sampledAt.clear();
        Arrays.fill(buckets, null);
        header = null;
        timeOffset = -1;
        eventBytes = 0;
        newestSecond = Long.MIN_VALUE;
        prunedAtSecond = Long.MIN_VALUE;
    }

    private static boolean kept(int type) {
        return type == MMAP || type == COMM || type == EXIT || type == FORK || type == MMAP2 || type == NAMESPACES
                || (type >= KSYMBOL && type <= TEXT_POKE) || (type >= HEADER_ATTR && type != FINISHED_ROUND);
    }

    private void sample(byte[] e, int length) {
        if (timeOffset < 0 || length < timeOffset + 8) {
            return;
        }
        long second = Math.floorDiv(u64(e, timeOffset), NANOS);
        if (newestSecond != Long.MIN_VALUE && second <= newestSecond - seconds) {
            return;
        }
        if (second > newestSecond) {
            newestSecond = second;
            if (prunedAtSecond == Long.MIN_VALUE || second - prunedAtSecond >= 2) {
                forgetExited((second - seconds - 5) * NANOS, (second - 2) * NANOS);
                prunedAtSecond = second;
            }
        }
        if (pidOffset >= 0) {
            sampledAt.put(u32(e, pidOffset), second);
        }
        samples++;
        int i = (int) Math.floorMod(second, (long) seconds);
        Bucket b = buckets[i];
        if (b == null || b.second != second) {
            b = new Bucket(second);
            buckets[i] = b;
        }
        b.samples++;
        if (b.bytes.size() + length > maxSampleBytes) {
            b.overCap++;
            overCapSamples++;
            return;
        }
        b.bytes.write(e, 0, length);
    }

    /**
     * Drops the events of processes that exited before {@code beforeNanos}, and of those that exited before
     * {@code unsampledBeforeNanos} with no sample in the ring (their samples cannot still be on their way), and
     * their exits.
     */
    private void forgetExited(long beforeNanos, long unsampledBeforeNanos) {
        long oldestSecond = newestSecond - seconds;
        sampledAt.values().removeIf(s -> s < oldestSecond);
        Map<Integer, Long> gone = new HashMap<>();
        for (Iterator<Map.Entry<Integer, long[]>> it = exited.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, long[]> x = it.next();
            long at = x.getValue()[1];
            if (at < beforeNanos || (at < unsampledBeforeNanos && !sampledAt.containsKey(x.getKey()))) {
                gone.put(x.getKey(), x.getValue()[0]);
                it.remove();
            }
        }
        Map<Integer, Long> threadsGone = new HashMap<>();
        for (Iterator<Map.Entry<Integer, long[]>> it = exitedThreads.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, long[]> x = it.next();
            if (x.getValue()[1] < beforeNanos) {
                threadsGone.put(x.getKey(), x.getValue()[0]);
                it.remove();
            }
        }
        if (gone.isEmpty() && threadsGone.isEmpty()) {
            return;
        }
        for (Iterator<Kept> it = events.iterator(); it.hasNext();) {
            Kept k = it.next();
            Long exit = gone.get(k.pid);
            Long threadExit = k.tid < 0 ? null : threadsGone.get(k.tid);
            if ((exit != null && k.seq <= exit) || (threadExit != null && k.seq <= threadExit)) {
                it.remove();
                eventBytes -= k.bytes.length;
            }
        }
    }

    synchronized Part before(long boundaryNanos, int n) {
        return before(boundaryNanos, n, null);
    }

    /**
     * A pipe-format stream for perf script: the event's description, {@code synthesized} (the events perf record
     * writes at its start for what already ran, when the stream did not come from perf), the events kept, then the
     * samples of the whole seconds before the one holding {@code boundaryNanos}, at most {@code n}; null when the
     * ring holds none.
     */
    synchronized Part before(long boundaryNanos, int n, byte[] synthesized) {
        long boundary = Math.floorDiv(boundaryNanos, NANOS);
        if (header == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header, 0, header.length);
        boolean pending = synthesized != null;
        for (Kept k : events) {
            if (pending && u32(k.bytes, 0) < HEADER_ATTR) {
                out.write(synthesized, 0, synthesized.length);
                pending = false;
            }
            out.write(k.bytes, 0, k.bytes.length);
        }
        if (pending) {
            out.write(synthesized, 0, synthesized.length);
        }
        long oldest = Long.MAX_VALUE;
        long count = 0;
        long overCap = 0;
        for (long s = boundary - Math.min(n, seconds); s < boundary; s++) {
            Bucket b = buckets[(int) Math.floorMod(s, (long) seconds)];
            if (b == null || b.second != s) {
                continue;
            }
            oldest = Math.min(oldest, s);
            count += b.samples;
            overCap += b.overCap;
            out.write(b.bytes.toByteArray(), 0, b.bytes.size());
        }
        return oldest == Long.MAX_VALUE ? null : new Part(out.toByteArray(), (int) (boundary - oldest), count, overCap);
    }

    /** A stream for perf script and what it holds: the seconds, the samples in them, those over the cap (not in it). */
    record Part(byte[] data, int seconds, long samples, long overCapSamples) {
    }

    synchronized long eventBytes() {
        return eventBytes;
    }

    synchronized long sampleBytes() {
        long n = 0;
        for (Bucket b : buckets) {
            n += b == null ? 0 : b.bytes.size();
        }
        return n;
    }

    synchronized long samples() {
        return samples;
    }

    synchronized long overCapSamples() {
        return overCapSamples;
    }

    /** Where a sample's time is: after the identifier, ip and pid/tid that come before it when perf records them. */
    private static int sampleTimeOffset(long sampleType) {
        if ((sampleType & SAMPLE_TIME) == 0) {
            return -1;
        }
        int off = 8;
        for (long field : new long[] {SAMPLE_IDENTIFIER, SAMPLE_IP, SAMPLE_TID}) {
            if ((sampleType & field) != 0) {
                off += 8;
            }
        }
        return off;
    }

    static int u32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u64(byte[] b, int off) {
        return (u32(b, off) & 0xffffffffL) | ((long) u32(b, off + 4)) << 32;
    }

    /** @param tid the thread of a name, fork or exit event, else -1 */
    private record Kept(long seq, int pid, int tid, byte[] bytes) {
    }

    private static final class Bucket {
        final long second;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        long samples;
        long overCap;

        Bucket(long second) {
            this.second = second;
        }
    }
}
