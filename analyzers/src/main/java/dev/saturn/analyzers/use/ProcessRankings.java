package dev.saturn.analyzers.use;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.FdUsage;
import dev.saturn.collectors.proc.ProcessDetail;
import dev.saturn.collectors.proc.ProcessIo;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.SocketQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

    /** A value of one process, or the reason it has none (null value and null reason: nothing to rank). */
    private record Value(Double value, Double limit, String reason) {
        static final Value NONE = new Value(null, null, null);

        static Value of(double v) {
            return new Value(v, null, null);
        }

        static Value unavailable(String reason) {
            return new Value(null, null, reason);
        }
    }

    /** A process at the end of the interval and the same process at its start (null: it started in between). */
    private record Pair(ProcessSample before, ProcessSample after) {
    }

    public static List<ProcessRanking> of(ProcessTable before, ProcessTable after, double seconds) {
        return of(before, after, seconds, TOP);
    }

    /** The same, naming up to {@code top} processes per metric. */
    public static List<ProcessRanking> of(ProcessTable before, ProcessTable after, double snapshotSeconds, int top) {
        double seconds = before.secondsUntil(after, snapshotSeconds);
        Map<Integer, ProcessSample> earlier = new HashMap<>(before.processes().size() * 2);
        for (ProcessSample p : before.processes()) {
            earlier.put(p.pid(), p);
        }
        List<Pair> pairs = new ArrayList<>(after.processes().size());
        for (ProcessSample p : after.processes()) {
            ProcessSample b = earlier.get(p.pid());
            pairs.add(new Pair(b != null && p.sameAs(b) ? b : null, p));
        }
        Map<Long, SocketQueue> sockets = after.sockets().orElse(Map.of());
        List<ProcessRanking> out = new ArrayList<>();
        out.add(rank("cpu", "cpu_pct", "percent", pairs, top, q -> Value.of(100.0 * delta(q, ProcessSample::cpuTicks) / TICKS_PER_SECOND / seconds)));
        out.add(rank("cpu", "run_delay", "ms_per_second", pairs, top, q -> detailDelta(q, ProcessDetail::runDelayNanos, v -> v, 1e6 * seconds)));
        out.add(rank("memory", "rss", "bytes", pairs, top, q -> Value.of(q.after().rssBytes())));
        out.add(rank("memory", "major_faults", "per_second", pairs, top, q -> Value.of(delta(q, ProcessSample::majorFaults) / seconds)));
        out.add(rank("memory", "swap", "bytes", pairs, top, q -> detailLevel(q, ProcessDetail::swapBytes, v -> (double) v)));
        out.add(rank("disk", "read_bytes", "bytes_per_second", pairs, top, q -> detailDelta(q, ProcessDetail::io, ProcessIo::readBytes, seconds)));
        out.add(rank("disk", "write_bytes", "bytes_per_second", pairs, top, q -> detailDelta(q, ProcessDetail::io, ProcessIo::writeBytes, seconds)));
        String delayReason = !after.delayAccounting().isAvailable() ? after.delayAccounting().reason()
                : after.delayAccounting().value() ? null : DELAY_ACCOUNTING_OFF;
        out.add(delayReason != null ? new ProcessRanking("disk", "blkio_delay", "ms_per_second", List.of(), delayReason, null)
                : rank("disk", "blkio_delay", "ms_per_second", pairs, top, q -> Value.of(delta(q, ProcessSample::blkioTicks) * 1000 / TICKS_PER_SECOND / seconds)));
        out.add(fds(pairs, top));
        out.add(rank("tasks", "threads", "threads", pairs, top, q -> Value.of(q.after().threads())));
        out.add(rank("tcp", "sockets", "sockets", pairs, top, q -> detailLevel(q, ProcessDetail::fds, f -> (double) f.sockets())));
        if (after.sockets().isAvailable()) {
            out.add(rank("tcp", "receive_queue", "bytes", pairs, top, q -> sockets(q, sockets, SocketQueue::receiveQueue)));
            out.add(rank("tcp", "send_queue", "bytes", pairs, top, q -> sockets(q, sockets, SocketQueue::sendQueue)));
        } else {
            for (String metric : List.of("receive_queue", "send_queue")) {
                out.add(new ProcessRanking("tcp", metric, "bytes", List.of(), after.sockets().reason(), null));
            }
        }
        return List.copyOf(out);
    }

    private static double delta(Pair q, java.util.function.ToLongFunction<ProcessSample> counter) {
        long now = counter.applyAsLong(q.after());
        return q.before() == null ? now : Math.max(0, now - counter.applyAsLong(q.before()));
    }

    private static <T> Value detailDelta(Pair q, Function<ProcessDetail, Reading<T>> reading, java.util.function.ToLongFunction<T> counter, double per) {
        ProcessDetail after = q.after().detail();
        if (after == null) {
            return Value.NONE;
        }
        Reading<T> now = reading.apply(after);
        if (!now.isAvailable()) {
            return Value.unavailable(now.reason());
        }
        long start = 0;
        if (q.before() != null) {
            if (q.before().detail() == null || !reading.apply(q.before().detail()).isAvailable()) {
                return Value.NONE;
            }
            start = counter.applyAsLong(reading.apply(q.before().detail()).value());
        }
        return Value.of(Math.max(0, counter.applyAsLong(now.value()) - start) / per);
    }

    private static <T> Value detailLevel(Pair q, Function<ProcessDetail, Reading<T>> reading, Function<T, Double> value) {
        ProcessDetail after = q.after().detail();
        if (after == null) {
            return Value.NONE;
        }
        Reading<T> now = reading.apply(after);
        return now.isAvailable() ? Value.of(value.apply(now.value())) : Value.unavailable(now.reason());
    }

    private static Value sockets(Pair q, Map<Long, SocketQueue> sockets, java.util.function.ToLongFunction<SocketQueue> each) {
        ProcessDetail d = q.after().detail();
        if (d == null) {
            return Value.NONE;
        }
        if (!d.fds().isAvailable()) {
            return Value.unavailable(d.fds().reason());
        }
        FdUsage fds = d.fds().value();
        long sum = 0;
        for (int i = 0; i < fds.sockets(); i++) {
            SocketQueue s = sockets.get(fds.socketInode(i));
            if (s != null) {
                sum += each.applyAsLong(s);
            }
        }
        return Value.of(sum);
    }

    /** Open fds against the process's own soft limit, ranked by the share used. */
    private static ProcessRanking fds(List<Pair> pairs, int count) {
        List<Scored> scored = new ArrayList<>();
        Unreadable unreadable = new Unreadable();
        for (Pair q : pairs) {
            ProcessDetail d = q.after().detail();
            if (d == null) {
                continue;
            }
            if (!d.fds().isAvailable()) {
                unreadable.add(d.fds().reason());
                continue;
            }
            FdUsage f = d.fds().value();
            unreadable.read++;
            if (f.open() > 0) {
                Double limit = f.softLimit() == null ? null : (double) f.softLimit();
                double key = limit == null || limit <= 0 ? 0 : f.open() / limit;
                scored.add(new Scored(key, f.open(), figure(q.after(), f.open(), limit)));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::key).thenComparingDouble(Scored::tie).reversed()
                .thenComparingInt(s -> s.figure().pid()));
        return unreadable.ranking("file_descriptors", "open_fds", "fds", top(scored, count));
    }

    private record Scored(double key, double tie, ProcessFigure figure) {
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

    private static ProcessRanking rank(String resource, String metric, String unit, List<Pair> pairs, int limit, Function<Pair, Value> value) {
        List<Scored> scored = new ArrayList<>();
        Unreadable unreadable = new Unreadable();
        for (Pair q : pairs) {
            Value v = value.apply(q);
            if (v.reason() != null) {
                unreadable.add(v.reason());
                continue;
            }
            if (v.value() != null) {
                unreadable.read++;
            }
            if (v.value() != null && v.value() > 0) {
                scored.add(new Scored(v.value(), 0, figure(q.after(), v.value(), null)));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::key).reversed().thenComparingInt(s -> s.figure().pid()));
        return unreadable.ranking(resource, metric, unit, top(scored, limit));
    }

    private static List<ProcessFigure> top(List<Scored> scored, int limit) {
        List<ProcessFigure> out = new ArrayList<>(Math.min(limit, scored.size()));
        for (int i = 0; i < Math.min(limit, scored.size()); i++) {
            out.add(scored.get(i).figure());
        }
        return out;
    }

    private static ProcessFigure figure(ProcessSample p, double value, Double limit) {
        return new ProcessFigure(p.pid(), p.comm(), p.detail() == null ? null : p.detail().cgroup(), value, limit);
    }
}
