package dev.saturn.profiling.drill;

import dev.saturn.analyzers.use.ProcessFigure;
import dev.saturn.analyzers.use.ProcessRanking;
import dev.saturn.analyzers.use.ProcessRankings;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.profiling.ProfileEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the profile that fits a resource, from the process tables at the two ends of a window:
 * <ul>
 * <li>disk, io, filesystem: time blocked in uninterruptible sleep (off CPU in state D, from perf's scheduler
 * switches) of the processes that read and wrote the most bytes, else of those that waited longest on block I/O
 * (delay accounting), else of those in uninterruptible sleep; /proc/PID/io does not say which disk, so a disk's
 * processes are the host's;</li>
 * <li>memory: page faults of the processes whose resident memory grew, else major faults of those that faulted
 * pages in;</li>
 * <li>anything else, and a disk or memory finding with no such process: CPU samples of every CPU.</li>
 * </ul>
 * At most {@link #MAX_PROCESSES} processes, each with at least a tenth of the first one's figure (a process that
 * wrote a few kilobytes is not why a disk is busy); the process that chooses (saturn itself) is left out.
 */
public final class DrillPlans {
    public static final int MAX_PROCESSES = 3;
    /** Growth below this is a page or two of a process's ordinary life, not what fills memory. */
    private static final double MIN_GROWTH_BYTES_PER_SECOND = 256 * 1024;
    /**
     * A process with less than this share of the leader's figure is not what saturates the resource: a JVM that wrote
     * a log line (0.0 MB/s) beside a writer at 180 MB/s added its idle threads' time off CPU to the profile, and they
     * outweighed the writer's wait (measured in the agent's drill-down test).
     */
    private static final double MIN_SHARE_OF_LEADER = 0.1;
    private static final Set<String> IO_RESOURCES = Set.of("disk", "io", "filesystem");
    private static final Set<String> MEMORY_RESOURCES = Set.of("memory", "swap");

    private DrillPlans() {
    }

    /**
     * Whether the plan of {@code resource} depends on its processes (disk, io, filesystem, memory, swap); for any
     * other it is CPU samples of every CPU, known before the process table is read.
     */
    public static boolean choosesProcesses(String resource) {
        return IO_RESOURCES.contains(resource) || MEMORY_RESOURCES.contains(resource);
    }

    /** @param snapshotSeconds the window, for tables without their own read times (a snapshot tree's) */
    public static DrillPlan of(String resource, String device, ProcessTable before, ProcessTable after, double snapshotSeconds) {
        double seconds = before.secondsUntil(after, snapshotSeconds);
        long self = ProcessHandle.current().pid();
        String subject = device == null ? resource : resource + " " + device;
        if (IO_RESOURCES.contains(resource)) {
            return io(resource, device, subject, before, after, seconds, self);
        }
        if (MEMORY_RESOURCES.contains(resource)) {
            return memory(resource, device, subject, before, after, seconds, self);
        }
        return everyCpu(resource, device, subject + ": CPU samples of every CPU");
    }

    private static DrillPlan io(String resource, String device, String subject, ProcessTable before, ProcessTable after,
            double seconds, long self) {
        List<ProcessRanking> rankings = ProcessRankings.of(before, after, seconds, 20);
        Map<Integer, double[]> bytes = new LinkedHashMap<>();
        Map<Integer, String> comms = new HashMap<>();
        for (String metric : List.of("read_bytes", "write_bytes")) {
            for (ProcessFigure f : figures(rankings, "disk", metric, self)) {
                bytes.computeIfAbsent(f.pid(), p -> new double[1])[0] += f.value();
                comms.put(f.pid(), f.comm());
            }
        }
        String disk = device == null || !resource.equals("disk") ? "" : " (/proc/PID/io counts every disk: these are the host's)";
        List<DrillPlan.Leader> movers = leaders(bytes, comms, v -> mbPerSecond(v) + " read and written");
        if (!movers.isEmpty()) {
            return new DrillPlan(resource, device, ProfileEvent.OFFCPU, movers,
                    subject + ": time blocked on I/O (off CPU in state D) of the processes that read and wrote most" + disk + ": " + join(movers));
        }
        Map<Integer, double[]> delay = new LinkedHashMap<>();
        for (ProcessFigure f : figures(rankings, "disk", "blkio_delay", self)) {
            delay.put(f.pid(), new double[] {f.value()});
            comms.put(f.pid(), f.comm());
        }
        List<DrillPlan.Leader> waiters = leaders(delay, comms, v -> String.format(Locale.ROOT, "%.0f ms/s waiting on block I/O", v));
        if (!waiters.isEmpty()) {
            return new DrillPlan(resource, device, ProfileEvent.OFFCPU, waiters,
                    subject + ": time blocked on I/O (off CPU in state D) of the processes that waited most on block I/O: " + join(waiters));
        }
        List<DrillPlan.Leader> blocked = new ArrayList<>();
        for (ProcessSample p : after.processes()) {
            if (p.state() == 'D' && p.pid() != self && blocked.size() < MAX_PROCESSES) {
                blocked.add(new DrillPlan.Leader(p.pid(), p.comm(), "in uninterruptible sleep"));
            }
        }
        if (!blocked.isEmpty()) {
            return new DrillPlan(resource, device, ProfileEvent.OFFCPU, blocked,
                    subject + ": time blocked on I/O (off CPU in state D) of the processes in uninterruptible sleep: " + join(blocked));
        }
        return everyCpu(resource, device, subject + ": no process read, wrote or waited on block I/O in the "
                + seconds(seconds) + " window, so CPU samples of every CPU");
    }

    private static DrillPlan memory(String resource, String device, String subject, ProcessTable before, ProcessTable after,
            double seconds, long self) {
        Map<Integer, ProcessSample> earlier = new HashMap<>();
        for (ProcessSample p : before.processes()) {
            earlier.put(p.pid(), p);
        }
        Map<Integer, double[]> growth = new LinkedHashMap<>();
        Map<Integer, String> comms = new HashMap<>();
        for (ProcessSample p : after.processes()) {
            ProcessSample b = earlier.get(p.pid());
            double grew = (p.rssBytes() - (b != null && p.sameAs(b) ? b.rssBytes() : 0)) / seconds;
            if (p.pid() != self && grew >= MIN_GROWTH_BYTES_PER_SECOND) {
                growth.put(p.pid(), new double[] {grew});
                comms.put(p.pid(), p.comm());
            }
        }
        List<DrillPlan.Leader> growing = leaders(growth, comms, v -> "resident memory +" + mbPerSecond(v));
        if (!growing.isEmpty()) {
            return new DrillPlan(resource, device, ProfileEvent.PAGE_FAULTS, growing,
                    subject + ": page faults of the processes whose memory grew: " + join(growing));
        }
        Map<Integer, double[]> faults = new LinkedHashMap<>();
        for (ProcessFigure f : figures(ProcessRankings.of(before, after, seconds, 20), "memory", "major_faults", self)) {
            faults.put(f.pid(), new double[] {f.value()});
            comms.put(f.pid(), f.comm());
        }
        List<DrillPlan.Leader> faulting = leaders(faults, comms, v -> String.format(Locale.ROOT, "%.0f major faults/s", v));
        if (!faulting.isEmpty()) {
            return new DrillPlan(resource, device, ProfileEvent.MAJOR_FAULTS, faulting,
                    subject + ": major faults of the processes that read pages back in: " + join(faulting));
        }
        return everyCpu(resource, device, subject + ": no process grew or faulted pages in during the " + seconds(seconds)
                + " window, so CPU samples of every CPU (reclaim shows there as kswapd and direct reclaim)");
    }

    private static DrillPlan everyCpu(String resource, String device, String why) {
        return new DrillPlan(resource, device, ProfileEvent.CPU, List.of(), why);
    }

    private static List<ProcessFigure> figures(List<ProcessRanking> rankings, String resource, String metric, long self) {
        for (ProcessRanking r : rankings) {
            if (r.resource().equals(resource) && r.metric().equals(metric)) {
                return r.top().stream().filter(f -> f.pid() != self && f.value() > 0).toList();
            }
        }
        return List.of();
    }

    private static List<DrillPlan.Leader> leaders(Map<Integer, double[]> values, Map<Integer, String> comms,
            java.util.function.DoubleFunction<String> figure) {
        double most = values.values().stream().mapToDouble(v -> v[0]).max().orElse(0);
        return values.entrySet().stream()
                .filter(e -> e.getValue()[0] > 0 && e.getValue()[0] >= MIN_SHARE_OF_LEADER * most)
                .sorted(Comparator.comparingDouble((Map.Entry<Integer, double[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(MAX_PROCESSES)
                .map(e -> new DrillPlan.Leader(e.getKey(), comms.get(e.getKey()), figure.apply(e.getValue()[0])))
                .toList();
    }

    private static String join(List<DrillPlan.Leader> leaders) {
        return String.join(", ", leaders.stream().map(DrillPlan.Leader::toString).toList());
    }

    private static String mbPerSecond(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
