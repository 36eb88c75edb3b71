/**
 * The agent's ring of recent stacks: a perf stream of every CPU at a low rate, folded as it comes into one map
 * per second, of which the last few dozen are kept, so that a profile triggered now can show the seconds before.
 */
package dev.saturn.profiling.ring;
