package dev.saturn.flamegraph.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The path a reader's eye follows up a flame graph: from the root, into the widest child, until a frame has no
 * child; each step with its share of the whole profile. The first step is the widest root frame (in a perf
 * profile, the process); the last says where the time goes, or where it waits.
 */
public final class HotPath {
    /** One frame of the path and its inclusive share of the profile, 0 to 1. */
    public record Step(String name, double share) {
    }

    private HotPath() {
    }

    /** The path, or empty for a profile with no samples. */
    public static List<Step> of(FrameTree tree) {
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
                if (!c.isSelfGap() && (widest == null || tree.width(c) > tree.width(widest))) {
                    widest = c;
                }
            }
            if (widest == null || !(tree.width(widest) > 0)) {
                return path;
            }
            path.add(new Step(widest.name().text(), tree.width(widest) / total));
            at = widest;
        }
    }
}
