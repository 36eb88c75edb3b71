package dev.saturn.flamegraph.tree;

/**
 * How stacks become a tree: sibling order ({@link SiblingOrder#INPUT} makes a flame chart), which
 * stacks and frames take part ({@link StackFilter}), and for a differential profile whether the
 * first column is scaled to the second column's total before deltas are taken.
 */
public record TreeOptions(SiblingOrder order, StackFilter filter, boolean normalize) {
    public static TreeOptions defaults() {
        return new TreeOptions(SiblingOrder.NAME, StackFilter.NONE, true);
    }

    public TreeOptions {
        if (order == null || filter == null) {
            throw new IllegalArgumentException("order and filter are required");
        }
    }
}
