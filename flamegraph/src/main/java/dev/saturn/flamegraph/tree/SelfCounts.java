package dev.saturn.flamegraph.tree;

import java.util.Arrays;

/**
 * A tree back into stacks: every frame whose own count (its width less its drawn children's) is
 * not 0 ends one stack, visited left to right in drawing order (a flame chart's time order), without
 * recursion. A flame chart's self-time gaps count as their parent's own time.
 */
public final class SelfCounts {
    /** Gets each stack by its last frame ({@link Frame#parent()} leads to the root) and its own count. */
    public interface Visitor {
        void stack(Frame leaf, double self);
    }

    private SelfCounts() {
    }

    public static void forEach(FrameTree tree, Visitor visitor) {
        Frame[] stack = new Frame[64];
        int n = 0;
        stack[n++] = tree.root();
        while (n > 0) {
            Frame f = stack[--n];
            double self = tree.width(f);
            for (int i = 0; i < f.childCount(); i++) {
                Frame child = f.child(i);
                if (!child.isSelfGap()) {
                    self -= tree.width(child);
                }
            }
            for (int i = f.childCount() - 1; i >= 0; i--) {
                Frame child = f.child(i);
                if (!child.isSelfGap()) {
                    if (n == stack.length) {
                        stack = Arrays.copyOf(stack, n * 2);
                    }
                    stack[n++] = child;
                }
            }
            if (f != tree.root() && self != 0) {
                visitor.stack(f, self);
            }
        }
    }
}
