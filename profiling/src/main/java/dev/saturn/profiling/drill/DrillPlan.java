package dev.saturn.profiling.drill;

import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.jvm.TargetProcess;
import dev.saturn.flamegraph.parse.perf.PerfCollapseOptions;
import dev.saturn.profiling.ProfileEvent;
import java.util.List;

/**
 * The profile that fits a saturated resource: what to record ({@code event}), of which processes (none: every CPU),
 * and why, in words ("disk vda: the processes that read and wrote most: 4012 dd (61.2 MB/s)").
 *
 * @param resource the finding's resource (cpu, memory, disk...)
 * @param device   its device or mount point, or null
 */
public record DrillPlan(String resource, String device, ProfileEvent event, List<Leader> processes, String why) {
    /** sched_switch's prev_state of a thread in uninterruptible sleep. */
    public static final String BLOCKED_ON_IO = "D";

    /** A process the plan records, and the figure that chose it ("61.2 MB/s read and written"). */
    public record Leader(int pid, String comm, String figure) {
        @Override
        public String toString() {
            return pid + " " + comm + " (" + figure + ")";
        }
    }

    public DrillPlan {
        processes = List.copyOf(processes);
    }

    /**
     * How perf's output is folded: a root frame per process with its pid (which process leads), and for time off CPU
     * only the time in uninterruptible sleep (D: the disk and other I/O), not the waits of idle threads for work.
     */
    public PerfCollapseOptions collapse() {
        PerfCollapseOptions withPid = PerfCollapseOptions.defaults().withPid();
        return event == ProfileEvent.OFFCPU ? withPid.withBlockedStates(BLOCKED_ON_IO) : withPid;
    }

    /** What the profile's counts add up to: "us blocked in state D", "page faults", "samples". */
    public String unit() {
        return event == ProfileEvent.OFFCPU ? "us blocked in state D" : event.perfTotal();
    }

    public boolean systemWide() {
        return processes.isEmpty();
    }

    public List<Long> pids() {
        return processes.stream().map(p -> (long) p.pid()).toList();
    }

    /**
     * The JVMs among the processes recorded (every running JVM for every CPU), for perf to name their JIT-compiled
     * frames once it stops: those still running then.
     */
    public List<TargetProcess> jvms() {
        if (systemWide()) {
            return TargetProcess.runningJvms();
        }
        List<TargetProcess> out = new java.util.ArrayList<>();
        for (long pid : pids()) {
            try {
                TargetProcess t = TargetProcess.of(pid);
                if (t.jvm()) {
                    out.add(t);
                }
            } catch (ProfilingException gone) {
                // exited while recorded: nothing to name
            }
        }
        return out;
    }

    /** "disk vda", "cpu". */
    public String subject() {
        return device == null ? resource : resource + " " + device;
    }

    /** "every CPU", or "process 4012 dd", or "processes 4012 dd, 4013 fio". */
    public String target() {
        if (processes.isEmpty()) {
            return "every CPU";
        }
        return (processes.size() == 1 ? "process " : "processes ")
                + String.join(", ", processes.stream().map(p -> p.pid() + " " + p.comm()).toList());
    }
}
