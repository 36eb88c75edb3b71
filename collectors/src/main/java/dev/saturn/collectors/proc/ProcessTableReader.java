package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads every process: /proc/PID/stat of each, the slower files of those that need them ({@link
 * ProcessDetailReader}), the TCP sockets and whether delay accounting is on. Processes that exit while it reads are
 * skipped.
 *
 * <p>A reader of the live host is kept by its sampler between samples and makes the walk cheap: it keeps each
 * process's stat open and reads it again from offset 0 into one buffer (a process gone fails the read: it is
 * dropped), parses it by hand, and reads the slower files only for a process that ran since the last sample (its
 * CPU time or major faults grew), is runnable or in uninterruptible sleep, is new, or whose last reading is older
 * than {@code refreshEvery} (spread over that period by pid). A process that did not run opened no file, did no I/O
 * and faulted no page in, so its last slower reading stands. A snapshot tree, or {@code refreshEvery} zero, reads
 * every file of every process.
 */
public final class ProcessTableReader implements AutoCloseable {
    /** At most this many stat files kept open: beyond it, a process's stat is opened for each read. */
    private static final int MAX_KEPT = 8192;
    private static final long TREE_PAGE_SIZE = 4096;

    private final HostPaths paths;
    private final long refreshNanos;
    private final long pageSize;
    private final Map<Integer, Kept> kept = new HashMap<>();
    private ByteBuffer buffer;
    private byte[] bytes = new byte[1024];
    private long generation;

    /** A process seen at the last sample. */
    private static final class Kept {
        FileChannel stat;
        ProcessSample last;
        long detailDue;
        long seen;
    }

    private final boolean details;

    public ProcessTableReader(HostPaths paths, Duration refreshEvery) {
        this(paths, refreshEvery, true);
    }

    private ProcessTableReader(HostPaths paths, Duration refreshEvery, boolean details) {
        this.details = details;
        this.paths = paths;
        this.refreshNanos = paths.live() ? refreshEvery.toNanos() : 0;
        this.pageSize = paths.live() ? PageSize.of(paths) : TREE_PAGE_SIZE;
    }

    /** Every file of every process, once. */
    public static Reading<ProcessTable> read(HostPaths paths) {
        try (ProcessTableReader reader = new ProcessTableReader(paths, Duration.ZERO)) {
            return reader.read();
        }
    }

    /** Every process's stat alone, once: who used CPU, without the slower files. */
    public static Reading<List<ProcessSample>> stats(HostPaths paths) {
        try (ProcessTableReader reader = new ProcessTableReader(paths, Duration.ZERO, false)) {
            return reader.read().map(ProcessTable::processes);
        }
    }

    public Reading<ProcessTable> read() {
        String[] names = new File(paths.proc().toString()).list();
        if (names == null) {
            return Reading.unavailable("cannot list " + paths.proc());
        }
        long now = System.nanoTime();
        generation++;
        List<ProcessSample> out = new ArrayList<>(names.length);
        for (String name : names) {
            if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
                continue;
            }
            int pid;
            try {
                pid = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                continue;
            }
            ProcessSample p = one(pid, now);
            if (p != null) {
                out.add(p);
            }
        }
        forgetGone();
        if (out.isEmpty()) {
            return Reading.unavailable("no per-process stat files under " + paths.proc()
                    + (paths.live() ? "" : " (snapshot taken without them)"));
        }
        if (!details) {
            return Reading.of(new ProcessTable(out, Reading.unavailable("not read"), Reading.unavailable("not read")));
        }
        Reading<Boolean> delayAccounting = paths.files().readLong(ProcFile.TASK_DELAYACCT.in(paths)).map(v -> v != 0);
        return Reading.of(new ProcessTable(out, TcpSocketReader.read(paths), delayAccounting));
    }

    private ProcessSample one(int pid, long now) {
        Kept k = kept.get(pid);
        if (k == null) {
            k = new Kept();
            kept.put(pid, k);
        }
        k.seen = generation;
        ProcessSample sample = stat(pid, k);
        if (sample == null) {
            return null;
        }
        ProcessSample prev = k.last;
        boolean fresh = refreshNanos == 0 || prev == null || prev.detail() == null || !sample.sameAs(prev)
                || sample.cpuTicks() != prev.cpuTicks() || sample.majorFaults() != prev.majorFaults()
                || sample.state() == 'R' || sample.state() == 'D' || now - k.detailDue >= 0;
        if (!details) {
            return sample;
        }
        if (fresh) {
            ProcessDetail detail = ProcessDetailReader.read(paths, pid, sample.threads());
            if (detail == null) {
                k.seen = -1;
                return null;
            }
            sample = sample.withDetail(detail);
            // spread the periodic refresh over the period, so that no one sample reads every process
            k.detailDue = now + refreshNanos / 2 + Math.floorMod(pid * 2654435761L, Math.max(1, refreshNanos / 2));
        } else {
            sample = sample.withDetail(prev.detail());
        }
        k.last = sample;
        return sample;
    }

    /** The process's stat, or null when it is gone. */
    private ProcessSample stat(int pid, Kept k) {
        Path file = ProcessFile.STAT.in(paths, pid);
        try {
            if (!paths.live() || (k.stat == null && kept.size() > MAX_KEPT)) {
                byte[] all = paths.files().readBytes(file);
                return ProcStatParser.parse(all, all.length, pageSize);
            }
            int n = -1;
            if (k.stat != null) {
                n = readKept(k.stat);
                if (n < 0) {
                    // the process kept is gone; the pid may name a new one already
                    closeQuietly(k);
                    k.last = null;
                }
            }
            if (n < 0) {
                k.stat = FileChannel.open(file, StandardOpenOption.READ);
                n = readKept(k.stat);
                if (n < 0) {
                    throw new NoSuchFileException(file.toString());
                }
            }
            return ProcStatParser.parse(bytes, n, pageSize);
        } catch (IOException | RuntimeException e) {
            closeQuietly(k);
            k.seen = -1;
            return null;
        }
    }

    /** Reads the kept file from offset 0 into {@link #bytes}; -1 when its process went away. */
    private int readKept(FileChannel channel) {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(4096);
        }
        buffer.clear();
        try {
            long position = 0;
            int r;
            while ((r = channel.read(buffer, position)) > 0) {
                position += r;
                if (!buffer.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
                    buffer.flip();
                    bigger.put(buffer);
                    buffer = bigger;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        int n = buffer.position();
        if (n == 0) {
            return -1;
        }
        if (bytes.length < n) {
            bytes = new byte[buffer.capacity()];
        }
        buffer.flip();
        buffer.get(bytes, 0, n);
        return n;
    }

    private void forgetGone() {
        for (Iterator<Kept> it = kept.values().iterator(); it.hasNext(); ) {
            Kept k = it.next();
            if (k.seen != generation) {
                closeQuietly(k);
                it.remove();
            }
        }
    }

    private static void closeQuietly(Kept k) {
        if (k.stat != null) {
            try {
                k.stat.close();
            } catch (IOException ignored) {
                // nothing more to read through it
            }
            k.stat = null;
        }
    }

    /** Closes the stat files it kept open. */
    @Override
    public void close() {
        kept.values().forEach(ProcessTableReader::closeQuietly);
        kept.clear();
    }
}
