/**
 * jstack thread dumps as stacks, one per thread, with its state.
 */
package dev.saturn.flamegraph.parse.jstack;
