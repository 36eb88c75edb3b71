/**
 * Stacks merged into a tree of frames, with names interned, filters (include, exclude) and sibling order.
 */
package dev.saturn.flamegraph.tree;
