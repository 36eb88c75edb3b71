package dev.saturn.profiling.drill;

import dev.saturn.flamegraph.tree.FrameTree;
import dev.saturn.flamegraph.tree.HotPath;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What leads a recorded profile, in the words a reader of its flame graph would use: the widest root frame (in a
 * perf profile, the process) and its share, and the widest stack above it, ending where the time goes (on CPU) or
 * where it waits (off CPU), with the share of its last frame. The idle task (perf's "swapper", the CPUs' idle time in
 * a profile of every CPU) leads nothing: it is passed over.
 *
 * @param stack the hot path above the process frame, outermost first
 */
public record DrillLead(String process, double processShare, List<String> stack, double stackShare) {
    /** Frames of the stack a one-line summary shows, from its end. */
    private static final int SHOWN_FRAMES = 5;
    /** The scheduler's own frames on top of every stack off CPU: they say that it waits, not where. */
    private static final java.util.regex.Pattern SCHEDULER = java.util.regex.Pattern.compile(
            "_*schedule(_timeout|_hrtimeout_range(_clock)?|_preempt_disabled)?|finish_task_switch(\\.isra\\.0)?");

    public DrillLead {
        stack = List.copyOf(stack);
    }

    /** Empty for a profile with no samples. */
    public static Optional<DrillLead> of(FrameTree tree) {
        List<HotPath.Step> path = HotPath.of(tree, name -> name.startsWith("swapper"));
        if (path.isEmpty()) {
            return Optional.empty();
        }
        HotPath.Step first = path.get(0);
        HotPath.Step last = path.get(path.size() - 1);
        List<String> above = path.subList(1, path.size()).stream().map(HotPath.Step::name).toList();
        return Optional.of(new DrillLead(first.name(), first.share(), above, last.share()));
    }

    /**
     * "dd leads with 92% of the profile; its widest stack: … ksys_read → vfs_read → io_schedule (81%)": the stack's last
     * frames, the scheduler's own (schedule, __schedule...) left out.
     */
    public String text() {
        String lead = process + " leads with " + percent(processShare) + " of the profile";
        if (stack.isEmpty()) {
            return lead;
        }
        int end = stack.size();
        while (end > 1 && SCHEDULER.matcher(stack.get(end - 1)).matches()) {
            end--;
        }
        List<String> shown = stack.subList(Math.max(0, end - SHOWN_FRAMES), end);
        return lead + "; its widest stack: " + (end > shown.size() ? "… " : "") + String.join(" → ", shown)
                + " (" + percent(stackShare) + ")";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
