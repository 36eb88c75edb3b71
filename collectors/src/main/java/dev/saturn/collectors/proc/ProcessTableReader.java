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
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads every process: /proc/PID/stat of each, the slower files of those that need them ({@link
 * ProcessDetailReader}), the TCP sockets and whether delay accounting is on. Processes that exit while it reads are
 * skipped.
 *
 * <p>A reader of the live host is kept by its sampler between samples and makes the walk cheap, because a read of
 * a process's stat costs the kernel ~5 µs (2,000 processes: 10 ms) and listing /proc 1.5 µs per process:
 * <ul>
 *   <li>it keeps each process's stat open and reads it again from offset 0 into one buffer (a process gone fails the
 *   read: it is dropped), and parses it by hand;</li>
 *   <li>it lists /proc only every {@code refreshEvery}: between, the processes made since the last sample are the
 *   pids after the last one then (/proc/loadavg's last field), each tried (its status's Tgid tells a process from
 *   a thread), unless more than 300 were made; a process that exited fails its next read, an idle one within
 *   {@code refreshEvery};</li>
 *   <li>it reads the stat of a process that ran at its last reading (CPU time or major faults grew, runnable or in
 *   uninterruptible sleep, new), and of the others every {@code refreshEvery}, spread over it by pid; when the host's
 *   busy time (user, nice, system of /proc/stat) grew more than the processes read account for, with the time of
 *   the children they reaped (a tenth of a CPU), an idle process woke up: it reads them all, at most every
 *   {@code refreshEvery} (processes that exit unreaped cause it too);</li>
 *   <li>it reads the slower files only of a process that ran, and of the others every six {@code refreshEvery}: a
 *   process that did not run opened no file, did no I/O and faulted no page in, so its last reading stands but for
 *   its swap, which the kernel may grow by swapping its pages out. Of a process that ran it reads io and status
 *   each sample, each thread's schedstat where it used a tenth of a CPU or is runnable (a JVM has 50 threads; the
 *   files stay open while its thread count stays and none fails to read, {@link KeptThreads}), and its fd links (one readlink per fd) every {@code refreshEvery}; of this process (whose fds are mostly the stat
 *   files kept) its fd links every six {@code refreshEvery};</li>
 *   <li>of an idle process of one thread, that six-{@code refreshEvery} reading is its status first: its context
 *   switches tell whether it ran at all (CPU time counts in ticks, so a process that runs for less than one now and
 *   then looks idle by its stat). If it did, everything is read; if not, its swap, and every sixty {@code
 *   refreshEvery} its open-file limit and cgroup, which only another process changes;</li>
 *   <li>an unchanged stat keeps the sample it had (an idle process makes no new objects), and a stat or another
 *   /proc/PID file is read in one read (a seq file gives a read all it has where there is room for it).</li>
 * </ul>
 * A snapshot tree, or {@code refreshEvery} zero, reads every file of every process.
 */
public final class ProcessTableReader implements AutoCloseable {
    /** At most this many stat files kept open (and with the threads' schedstat files): beyond it, each read opens its file. */
    private static final int MAX_KEPT = 8192;
    private static final long TREE_PAGE_SIZE = 4096;

    private final HostPaths paths;
    private final long refreshNanos;
    private final long pageSize;
    private final Map<Integer, Kept> kept = new HashMap<>();
    private ByteBuffer buffer;
    private byte[] bytes = new byte[1024];
    private long generation;
    private Host previousHost;
    private long previousNanos;
    private long nextListing;
    /** A walk of every stat for CPU nobody read accounts for, at most every refreshEvery: a build's exiting processes cause it. */
    private long nextFullRead;
    private boolean listed;
    private Reading<ProcessTable> last;
    private Reading<Map<Long, SocketQueue>> sockets;
    private long nextSockets;
    /** A kept reader walks at most this often. */
    private static final long MIN_PERIOD_NANOS = 100_000_000L;
    private int statsRead;
    /** When each process of the walk under way was read, in its order. */
    private long[] readTimes = new long[256];
    /** Thread schedstat files kept open, over every process. */
    private int keptThreadFiles;
    private int detailsRead;
    private static final double TICKS_PER_SECOND = 100.0;
    /** CPU ticks since the last sample above which each thread's run-queue wait is read again. */
    private static final long BUSY_TICKS = 10;
    /** More pids made than this since the last sample: list /proc rather than try each. */
    private static final int MAX_PROBES = 300;
    /**
     * The slower files of a process that did not run are read again every this many {@code refreshEvery}: only its
     * swap can change meanwhile (the kernel swaps out an idle process's pages), and rereading them all every 10 s
     * cost more than every stat.
     */
    private static final int IDLE_DETAIL_PERIODS = 6;
    /**
     * The open-file limit and the cgroup of a process that did not run are read again every this many {@code
     * refreshEvery}: only another process changes them (prlimit, a move to another cgroup), and reading them with
     * every idle process's status doubled the cost of 2,000 idle processes.
     */
    private static final int IDLE_LIMITS_PERIODS = 60;
    /**
     * This process: its fds are mostly the stat files this reader keeps open, one a process, so its fd links (a
     * readlink each, 2,000 every {@code refreshEvery} beside 2,000 processes) are read as seldom as an idle process's.
     */
    private static final long SELF = ProcessHandle.current().pid();

    /** A process seen at the last sample. */
    private static final class Kept {
        FileChannel stat;
        ProcessSample last;
        long detailDue;
        long statDue;
        long fdsDue;
        long limitsDue;
        boolean active;
        long seen;
        /** Its main thread's context switches at the last reading of its status; -1: not known. */
        long switches = -1;
        /** Its threads' schedstat files, once it was busy with several threads. */
        KeptThreads threads;
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
        long now = System.nanoTime();
        if (refreshNanos > 0 && last != null && now - previousNanos < MIN_PERIOD_NANOS) {
            // back-to-back reads (the agent's start-up warm-up) get the last table: a walk is worth a sample
            return last;
        }
        last = walk(now);
        return last;
    }

    private Reading<ProcessTable> walk(long now) {
        generation++;
        statsRead = 0;
        detailsRead = 0;
        Host host = host();
        boolean list = refreshNanos == 0 || previousHost == null || host == null || now - nextListing >= 0;
        long firstNew = 0;
        long lastNew = -1;
        if (!list && host.forks() != previousHost.forks()) {
            // the pids made since the last sample follow the last one then, up to the last one now
            firstNew = previousHost.lastPid() + 1;
            lastNew = host.lastPid();
            list = lastNew < firstNew || lastNew - firstNew >= MAX_PROBES;
        }
        List<ProcessSample> out = new ArrayList<>(Math.max(16, kept.size()));
        listed = list;
        List<Integer> known = new ArrayList<>(kept.size());
        long born = 0;
        if (list) {
            String[] names = new File(paths.proc().toString()).list();
            if (names == null) {
                return Reading.unavailable("cannot list " + paths.proc());
            }
            for (String name : names) {
                int pid = pid(name);
                if (pid < 0) {
                    continue;
                }
                Kept k = kept.get(pid);
                if (k == null || k.last == null) {
                    ProcessSample p = add(out, pid, k, now);
                    if (p != null) {
                        born += p.cpuTicks();
                    }
                } else {
                    known.add(pid);
                }
            }
        } else {
            // the processes seen before, and those made since, found without listing /proc (a listing of 2,000
            // processes costs 3 ms of kernel time); one that exited is found when its stat fails to read
            known.addAll(kept.keySet());
            for (long pid = firstNew; pid <= lastNew; pid++) {
                if (!kept.containsKey((int) pid) && isProcess((int) pid)) {
                    ProcessSample p = add(out, (int) pid, null, now);
                    if (p != null) {
                        born += p.cpuTicks();
                    }
                }
            }
        }
        // of those seen before, the ones that may have changed
        long attributed = born;
        List<Integer> skipped = new ArrayList<>();
        for (int pid : known) {
            Kept k = kept.get(pid);
            if (refreshNanos == 0 || k.active || now - k.statDue >= 0) {
                long before = k.last.cpuTicks() + k.last.childTicks();
                ProcessSample p = add(out, pid, k, now);
                if (p != null) {
                    // with the time of children it reaped: a short-lived child's time is not unaccounted for
                    attributed += Math.max(0, p.cpuTicks() + p.childTicks() - before);
                }
            } else {
                skipped.add(pid);
            }
        }
        if (!skipped.isEmpty() && now - nextFullRead >= 0 && unattributed(host, attributed, now)) {
            nextFullRead = now + refreshNanos;
            // a process not read used the CPU (or one exited): read them all
            for (int pid : skipped) {
                add(out, pid, kept.get(pid), now);
            }
        } else {
            for (int pid : skipped) {
                Kept k = kept.get(pid);
                k.seen = generation;
                added(out, k.last, now);
            }
        }
        forgetGone();
        if (list) {
            nextListing = now + refreshNanos;
        }
        previousHost = host;
        previousNanos = now;
        if (out.isEmpty()) {
            return Reading.unavailable("no per-process stat files under " + paths.proc()
                    + (paths.live() ? "" : " (snapshot taken without them)"));
        }
        if (!details) {
            return Reading.of(new ProcessTable(out, Reading.unavailable("not read"), Reading.unavailable("not read")));
        }
        Reading<Boolean> delayAccounting = paths.files().readLong(ProcFile.TASK_DELAYACCT.in(paths)).map(v -> v != 0);
        return Reading.of(new ProcessTable(out, sockets(now), delayAccounting, paths.live() ? now : null,
                paths.live() ? Arrays.copyOf(readTimes, out.size()) : null));
    }

    /** What the last walk read: whether it listed /proc, how many stat files and how many processes' slower files. */
    public record WalkCounts(boolean listed, int stats, int details) {
    }

    public WalkCounts lastWalk() {
        return new WalkCounts(listed, statsRead, detailsRead);
    }

    /**
     * The TCP sockets. Reading /proc/net/tcp walks the kernel's whole connection hash table (2.5 ms a file here,
     * however few the sockets), so a kept reader reads it every {@code refreshEvery}: the agent's queues are up
     * to 10 s old. (/proc/net/sockstat's TCP memory cannot tell when a queue fills: the kernel batches it per CPU.)
     */
    private Reading<Map<Long, SocketQueue>> sockets(long now) {
        if (refreshNanos == 0 || sockets == null || now - nextSockets >= 0) {
            sockets = TcpSocketReader.read(paths);
            nextSockets = now + refreshNanos;
        }
        return sockets;
    }

    /** The host's fork count, threads, busy CPU time (user, nice, system: what processes are charged) and last pid. */
    private record Host(long forks, long threads, long busyTicks, long lastPid) {
    }

    /** Whether the id names a process rather than a thread (whose /proc/TID is there too, unlisted). */
    private boolean isProcess(int id) {
        Reading<String> status = paths.files().read(ProcessFile.STATUS.in(paths, id));
        if (!status.isAvailable()) {
            return false;
        }
        String text = status.value();
        int at = text.indexOf("\nTgid:");
        if (at < 0) {
            return false;
        }
        int end = text.indexOf('\n', at + 1);
        return text.substring(at + 6, end < 0 ? text.length() : end).trim().equals(Integer.toString(id));
    }

    private Host host() {
        if (refreshNanos == 0) {
            return null;
        }
        Reading<CpuStat> stat = CpuStatReader.read(paths);
        // "0.20 0.18 0.12 1/80 11206": the last field is the pid made last
        Reading<String> load = paths.files().read(ProcFile.LOADAVG.in(paths));
        if (!stat.isAvailable() || !load.isAvailable() || stat.value().forks() == null) {
            return null;
        }
        try {
            String[] f = dev.saturn.collectors.Tokens.split(load.value());
            long threads = Long.parseLong(f[3].substring(f[3].indexOf('/') + 1));
            CpuTimes t = stat.value().total();
            return new Host(stat.value().forks(), threads, t.user() + t.nice() + t.system(), Long.parseLong(f[4]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the host's processes used more CPU since the last sample than the processes read account for: more
     * than a tenth of a CPU over the interval or a fifth of the host's busy time, whichever is more, and five ticks:
     * the process times are exact and the host's are counted in ticks, and the walk reads them at different moments.
     */
    private boolean unattributed(Host host, long attributed, long now) {
        if (host == null || previousHost == null) {
            return true;
        }
        double seconds = (now - previousNanos) / 1e9;
        long used = host.busyTicks() - previousHost.busyTicks();
        return used - attributed > 5 + Math.max(0.1 * TICKS_PER_SECOND * seconds, 0.2 * used);
    }

    private static int pid(String name) {
        if (name.isEmpty() || name.charAt(0) < '0' || name.charAt(0) > '9') {
            return -1;
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ProcessSample add(List<ProcessSample> out, int pid, Kept k, long now) {
        long readAt = System.nanoTime();
        ProcessSample p = one(pid, k, now);
        if (p != null) {
            added(out, p, readAt);
        }
        return p;
    }

    private void added(List<ProcessSample> out, ProcessSample p, long readAt) {
        if (out.size() == readTimes.length) {
            readTimes = Arrays.copyOf(readTimes, readTimes.length * 2);
        }
        readTimes[out.size()] = readAt;
        out.add(p);
    }

    private ProcessSample one(int pid, Kept k, long now) {
        if (k == null) {
            k = new Kept();
            kept.put(pid, k);
        }
        k.seen = generation;
        statsRead++;
        ProcessSample sample = stat(pid, k);
        if (sample == null) {
            return null;
        }
        ProcessSample prev = k.last;
        boolean ran = prev == null || !sample.sameAs(prev) || sample.cpuTicks() != prev.cpuTicks()
                || sample.childTicks() != prev.childTicks()
                || sample.majorFaults() != prev.majorFaults() || sample.state() == 'R' || sample.state() == 'D';
        // a process that ran is read every sample until it stops; the others every refreshEvery, spread by pid
        k.active = ran;
        k.statDue = now + spread(pid);
        if (!details) {
            k.last = sample;
            return sample;
        }
        boolean known = refreshNanos > 0 && prev != null && sample.sameAs(prev) && prev.detail() != null;
        boolean due = now - k.detailDue >= 0;
        if (known && due && !ran && sample.threads() == 1 && prev.threads() == 1) {
            // an idle process of one thread: whether it ran at all since, by its status, before its other files
            detailsRead++;
            boolean limitsDue = now - k.limitsDue >= 0;
            ProcessDetailReader.Read read = ProcessDetailReader.refreshIdle(paths, pid, prev.detail(), k.switches, limitsDue);
            if (read == null) {
                k.seen = -1;
                return null;
            }
            k.switches = read.switches();
            k.detailDue = now + IDLE_DETAIL_PERIODS * spread(pid);
            if (limitsDue || read.whole()) {
                k.limitsDue = now + IDLE_LIMITS_PERIODS * spread(pid);
            }
            k.fdsDue = now + fdsPeriod(pid);
            k.last = sample.withDetail(read.detail());
            return k.last;
        }
        boolean whole = !known || due;
        if (whole || ran) {
            detailsRead++;
            // a process that ran since the last sample: its io, status and (where it used a tenth of a CPU or is
            // runnable) each thread's run-queue wait every sample; its fd links every refreshEvery
            boolean busy = whole || sample.state() == 'R' || sample.cpuTicks() - prev.cpuTicks() >= BUSY_TICKS;
            boolean fdsDue = whole || now - k.fdsDue >= 0;
            KeptThreads threads = null;
            if (busy && sample.threads() > 1 && paths.live() && refreshNanos > 0) {
                if (k.threads == null && keptFiles() + sample.threads() <= MAX_KEPT) {
                    k.threads = new KeptThreads();
                }
                threads = k.threads;
            }
            int keptBefore = threads == null ? 0 : threads.size();
            ProcessDetailReader.Read read = ProcessDetailReader.readCounting(paths, pid, sample.threads(), whole ? null : prev.detail(), busy, fdsDue, threads);
            keptThreadFiles += (threads == null ? 0 : threads.size()) - keptBefore;
            if (read == null) {
                k.seen = -1;
                return null;
            }
            k.switches = read.switches();
            sample = sample.withDetail(read.detail());
            if (whole) {
                k.detailDue = now + IDLE_DETAIL_PERIODS * spread(pid);
                k.limitsDue = now + IDLE_LIMITS_PERIODS * spread(pid);
            }
            if (fdsDue) {
                k.fdsDue = now + fdsPeriod(pid);
            }
        } else {
            sample = sample.withDetail(prev.detail());
        }
        k.last = sample;
        return sample;
    }

    /** How long a process's fd links stand once read: refreshEvery, and for this process as long as an idle process's files. */
    private long fdsPeriod(int pid) {
        return (pid == SELF ? IDLE_DETAIL_PERIODS : 1) * spread(pid);
    }

    /** Between half of refreshEvery and all of it, by pid: so that no one sample rereads every idle process. */
    private long spread(int pid) {
        return refreshNanos / 2 + Math.floorMod(pid * 2654435761L, Math.max(1, refreshNanos / 2));
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
            return ProcStatParser.parse(bytes, n, pageSize, k.last);
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
                if (buffer.hasRemaining()) {
                    // a seq file gives a read all it has where there is room for it: a second read would only find its end
                    break;
                }
                ByteBuffer bigger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
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

    /** The stat and thread schedstat files kept open. */
    private int keptFiles() {
        return kept.size() + keptThreadFiles;
    }

    private void closeQuietly(Kept k) {
        if (k.threads != null) {
            keptThreadFiles -= k.threads.size();
            k.threads.close();
            k.threads = null;
        }
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
        kept.values().forEach(this::closeQuietly);
        kept.clear();
    }
}
