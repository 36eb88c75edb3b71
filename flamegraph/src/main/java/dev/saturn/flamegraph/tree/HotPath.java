package dev.saturn.flamegraph.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The path a reader's eye follows up a flame graph: from the root into the widest frame (in a perf profile, the
 * process), then into the widest child while it holds at least half of its parent; each step with its share of the
 * whole profile. The last step says where the time goes, or where it waits; where it spreads over many callees (a
 * burner cycling through functions), the path ends at the frame that calls them, not at a sliver.
 */
public final class HotPath {
    /** One frame of the path and its inclusive share of the profile, 0 to 1. */
    public record Step(String name, double share) {
    }

    private HotPath() {
    }

    /** The path, or empty for a profile with no samples. */
    public static List<Step> of(FrameTree tree) {
        return of(tree, name -> false);
    }

    /** The same, passing over the root frames {@code skipRoot} names (a CPU profile's idle task). */
    public static List<Step> of(FrameTree tree, java.util.function.Predicate<String> skipRoot) {
        Frame root = tree.root();
        double total = tree.width(root);
        List<Step> path = new ArrayList<>();
        if (!(total > 0)) {
            return path;
        }
        Frame at = root;
        while (true) {
            Frame widest = null;
            for (Frame c : at.children()) {
                if (!c.isSelfGap() && !(at == root && skipRoot.test(c.name().text())) && (widest == null || tree.width(c) > tree.width(widest))) {
                    widest = c;
                }
            }
            if (widest == null || !(tree.width(widest) > 0) || (at != root && tree.width(widest) < tree.width(at) / 2)) {
                return path;
            }
            path.add(new Step(widest.name().text(), tree.width(widest) / total));
            at = widest;
        }
    }
}
