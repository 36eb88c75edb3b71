package dev.saturn.flamegraph.tree;

/** How the children of a frame are ordered left to right. */
public enum SiblingOrder {
    /** By name, in flamegraph.pl's order (the byte order of the folded lines). */
    NAME,
    /** Heaviest first, ties by name: the hot paths start at the left edge. */
    WEIGHT,
    /** Input order, merging a stack only with the one before it: a flame chart (x is time). */
    INPUT
}
