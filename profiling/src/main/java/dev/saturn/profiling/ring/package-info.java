/**
 * The agent's ring of recent stacks: every CPU sampled at a low rate by the agent's JVM through perf_event_open
 * (perf record where the kernel refuses that), its records kept as perf record writes them, one bucket per second
 * for the last few dozen seconds (with the process events that name the frames), and read by perf script only
 * when a profile triggered now asks for the seconds before.
 */
package dev.saturn.profiling.ring;
