/**
 * JFR recordings as stacks: execution samples, allocations, locks and the other events a flame graph can
 * count, with frame names as async-profiler writes them.
 */
package dev.saturn.flamegraph.parse.jfr;
