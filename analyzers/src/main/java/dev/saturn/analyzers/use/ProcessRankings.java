package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.FdUsage;
import dev.saturn.collectors.proc.ProcessDetail;
import dev.saturn.collectors.proc.ProcessIo;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.SocketQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The processes behind each resource over an interval, from the process tables at its two ends: CPU (CPU % and
 * run-queue wait), memory (RSS, major faults, swap), disk (read and write bytes, block-I/O delay), file descriptors
 * (open fds against each process's own limit), tasks (threads) and tcp (sockets and their queues).
 */
public final class ProcessRankings {
    /** How many processes each metric names. */
    public static final int TOP = 3;
    /** USER_HZ: the kernel exports 100 ticks a second on every architecture Linux supports today. */
    private static final double TICKS_PER_SECOND = 100.0;
    static final String DELAY_ACCOUNTING_OFF = "delay accounting is off: sysctl kernel.task_delayacct=1";

    /** Every ranking {@link #of} makes, in its order: resource, metric, unit. */
    public static final List<List<String>> METRICS = List.of(
            List.of("cpu", "cpu_pct", "percent"), List.of("cpu", "run_delay", "ms_per_second"),
            List.of("memory", "rss", "bytes"), List.of("memory", "major_faults", "per_second"), List.of("memory", "swap", "bytes"),
            List.of("disk", "read_bytes", "bytes_per_second"), List.of("disk", "write_bytes", "bytes_per_second"),
            List.of("disk", "blkio_delay", "ms_per_second"), List.of("file_descriptors", "open_fds", "fds"),
            List.of("tasks", "threads", "threads"), List.of("tcp", "sockets", "sockets"),
            List.of("tcp", "receive_queue", "bytes"), List.of("tcp", "send_queue", "bytes"));

    private ProcessRankings() {
    }

    public static List<ProcessRanking> of(ProcessTable before, ProcessTable after, double seconds) {
        return of(before, after, seconds, TOP);
    }

    /**
     * The same, naming up to {@code top} processes per metric. One pass over the processes fills every ranking, each
     * keeping only its {@code top} largest so far: the agent ranks 2,000 processes every second, and a list of every
     * process per metric, sorted, made ~27,000 objects a sample.
     */
    public static List<ProcessRanking> of(ProcessTable before, ProcessTable after, double snapshotSeconds, int top) {
        double walkSeconds = before.secondsUntil(after, snapshotSeconds);
        SamplesByPid earlier = new SamplesByPid(before.processes());
        Map<Long, SocketQueue> sockets = after.sockets().orElse(Map.of());
        boolean queues = after.sockets().isAvailable();
        String delayReason = !after.delayAccounting().isAvailable() ? after.delayAccounting().reason()
                : after.delayAccounting().value() ? null : DELAY_ACCOUNTING_OFF;
        int size = Math.min(top, after.processes().size());
        Ranked cpu = new Ranked(size);
        Ranked runDelay = new Ranked(size);
        Ranked rss = new Ranked(size);
        Ranked majorFaults = new Ranked(size);
        Ranked swap = new Ranked(size);
        Ranked readBytes = new Ranked(size);
        Ranked writeBytes = new Ranked(size);
        Ranked blkioDelay = new Ranked(size);
        Ranked fds = new Ranked(size);
        Ranked threads = new Ranked(size);
        Ranked socketCount = new Ranked(size);
        Ranked receiveQueue = new Ranked(size);
        Ranked sendQueue = new Ranked(size);
        List<ProcessSample> processes = after.processes();
        for (int at = 0; at < processes.size(); at++) {
            ProcessSample a = processes.get(at);
            int was = earlier.indexOf(a.pid());
            ProcessSample b = was < 0 ? null : before.processes().get(was);
            if (b != null && !a.sameAs(b)) {
                b = null; // the pid was reused: a new process, all of its counters in the interval
            }
            // each process over the time between its own two readings, where the walks timed them
            double seconds = b == null ? walkSeconds : before.secondsUntil(was, after, at, walkSeconds);
            cpu.value(100.0 * (b == null ? a.cpuTicks() : Math.max(0, a.cpuTicks() - b.cpuTicks())) / TICKS_PER_SECOND / seconds, a);
            rss.value(a.rssBytes(), a);
            majorFaults.value((double) (b == null ? a.majorFaults() : Math.max(0, a.majorFaults() - b.majorFaults())) / seconds, a);
            if (delayReason == null) {
                blkioDelay.value((double) (b == null ? a.blkioTicks() : Math.max(0, a.blkioTicks() - b.blkioTicks())) * 1000 / TICKS_PER_SECOND / seconds, a);
            }
            threads.value(a.threads(), a);
            ProcessDetail d = a.detail();
            if (d == null) {
                continue;
            }
            ProcessDetail e = b == null ? null : b.detail();
            boolean earlierUnknown = b != null && e == null;
            Reading<Long> delay = d.runDelayNanos();
            if (!delay.isAvailable()) {
                runDelay.unreadable.add(delay.reason());
            } else if (!earlierUnknown && (e == null || e.runDelayNanos().isAvailable())) {
                long start = e == null ? 0 : e.runDelayNanos().value();
                runDelay.value(Math.max(0, delay.value() - start) / (1e6 * seconds), a);
            }
            if (d.swapBytes().isAvailable()) {
                swap.value((double) d.swapBytes().value(), a);
            } else {
                swap.unreadable.add(d.swapBytes().reason());
            }
            Reading<ProcessIo> io = d.io();
            if (!io.isAvailable()) {
                readBytes.unreadable.add(io.reason());
                writeBytes.unreadable.add(io.reason());
            } else if (!earlierUnknown && (e == null || e.io().isAvailable())) {
                ProcessIo start = e == null ? null : e.io().value();
                readBytes.value(Math.max(0, io.value().readBytes() - (start == null ? 0 : start.readBytes())) / seconds, a);
                writeBytes.value(Math.max(0, io.value().writeBytes() - (start == null ? 0 : start.writeBytes())) / seconds, a);
            }
            if (!d.fds().isAvailable()) {
                fds.unreadable.add(d.fds().reason());
                socketCount.unreadable.add(d.fds().reason());
                if (queues) {
                    receiveQueue.unreadable.add(d.fds().reason());
                    sendQueue.unreadable.add(d.fds().reason());
                }
                continue;
            }
            FdUsage f = d.fds().value();
            fds.unreadable.read++;
            if (f.open() > 0) {
                double limit = f.softLimit() == null ? Double.NaN : (double) f.softLimit();
                fds.offer(Double.isNaN(limit) || limit <= 0 ? 0 : f.open() / limit, f.open(), a, f.open(), limit);
            }
            socketCount.value(f.sockets(), a);
            if (queues) {
                long received = 0;
                long sent = 0;
                for (int i = 0; i < f.sockets(); i++) {
                    SocketQueue s = sockets.get(f.socketInode(i));
                    if (s != null) {
                        received += s.receiveQueue();
                        sent += s.sendQueue();
                    }
                }
                receiveQueue.value(received, a);
                sendQueue.value(sent, a);
            }
        }
        List<ProcessRanking> out = new ArrayList<>(METRICS.size());
        out.add(cpu.ranking("cpu", "cpu_pct", "percent"));
        out.add(runDelay.ranking("cpu", "run_delay", "ms_per_second"));
        out.add(rss.ranking("memory", "rss", "bytes"));
        out.add(majorFaults.ranking("memory", "major_faults", "per_second"));
        out.add(swap.ranking("memory", "swap", "bytes"));
        out.add(readBytes.ranking("disk", "read_bytes", "bytes_per_second"));
        out.add(writeBytes.ranking("disk", "write_bytes", "bytes_per_second"));
        out.add(delayReason != null ? new ProcessRanking("disk", "blkio_delay", "ms_per_second", List.of(), delayReason, null)
                : blkioDelay.ranking("disk", "blkio_delay", "ms_per_second"));
        out.add(fds.ranking("file_descriptors", "open_fds", "fds"));
        out.add(threads.ranking("tasks", "threads", "threads"));
        out.add(socketCount.ranking("tcp", "sockets", "sockets"));
        if (queues) {
            out.add(receiveQueue.ranking("tcp", "receive_queue", "bytes"));
            out.add(sendQueue.ranking("tcp", "send_queue", "bytes"));
        } else {
            for (String metric : List.of("receive_queue", "send_queue")) {
                out.add(new ProcessRanking("tcp", metric, "bytes", List.of(), after.sockets().reason(), null));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One metric's largest processes so far, largest first: by {@code key}, then {@code tie}, then the lower pid; and
     * how many processes it was read for and for how many not.
     */
    private static final class Ranked {
        final Unreadable unreadable = new Unreadable();
        private final double[] keys;
        private final double[] ties;
        private final ProcessSample[] processes;
        private final double[] values;
        private final double[] limits;
        private int size;

        Ranked(int capacity) {
            keys = new double[capacity];
            ties = new double[capacity];
            processes = new ProcessSample[capacity];
            values = new double[capacity];
            limits = new double[capacity];
        }

        /** A figure read for the process: ranked by itself where above zero. */
        void value(double value, ProcessSample p) {
            unreadable.read++;
            if (value > 0) {
                offer(value, 0, p, value, Double.NaN);
            }
        }

        /** {@code limit}: the process's own limit of the figure, NaN where it has none. */
        void offer(double key, double tie, ProcessSample p, double value, double limit) {
            int capacity = keys.length;
            if (size == capacity && (capacity == 0 || !before(key, tie, p.pid(), size - 1))) {
                return;
            }
            int at = size == capacity ? capacity - 1 : size++;
            // shift the smaller ones down one place; an equal one stays before it, as a stable sort keeps it
            while (at > 0 && before(key, tie, p.pid(), at - 1)) {
                keys[at] = keys[at - 1];
                ties[at] = ties[at - 1];
                processes[at] = processes[at - 1];
                values[at] = values[at - 1];
                limits[at] = limits[at - 1];
                at--;
            }
            keys[at] = key;
            ties[at] = tie;
            processes[at] = p;
            values[at] = value;
            limits[at] = limit;
        }

        /** Whether a process ranks before the one at {@code i}. */
        private boolean before(double key, double tie, int pid, int i) {
            int byKey = Double.compare(key, keys[i]);
            if (byKey != 0) {
                return byKey > 0;
            }
            int byTie = Double.compare(tie, ties[i]);
            return byTie != 0 ? byTie > 0 : pid < processes[i].pid();
        }

        ProcessRanking ranking(String resource, String metric, String unit) {
            List<ProcessFigure> top = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                ProcessSample p = processes[i];
                top.add(new ProcessFigure(p.pid(), p.comm(), p.detail() == null ? null : p.detail().cgroup(), values[i],
                        Double.isNaN(limits[i]) ? null : limits[i]));
            }
            return unreadable.ranking(resource, metric, unit, top);
        }
    }

    /** How many processes' files could be read and how many not, with the first reason. */
    private static final class Unreadable {
        int read;
        int count;
        String first;
        boolean differ;

        void add(String reason) {
            count++;
            if (first == null) {
                first = reason;
            } else if (!first.equals(reason)) {
                differ = true;
            }
        }

        ProcessRanking ranking(String resource, String metric, String unit, List<ProcessFigure> top) {
            if (count == 0) {
                return new ProcessRanking(resource, metric, unit, top, null, null);
            }
            if (read == 0) {
                String reason = !differ ? first : String.format(java.util.Locale.ROOT, "%s (and %d more processes)", first, count - 1);
                return new ProcessRanking(resource, metric, unit, top, reason, null);
            }
            return new ProcessRanking(resource, metric, unit, top, null, String.format(java.util.Locale.ROOT,
                    "%s of %s not read for %d %s: %s", metric, resource, count, count == 1 ? "process" : "processes", first));
        }
    }
}
