/**
 * The agent's ring of recent stacks: perf record of every CPU at a low rate, its stream kept as perf writes it,
 * one bucket per second for the last few dozen seconds (with the process events that name the frames), and read
 * by perf script only when a profile triggered now asks for the seconds before.
 */
package dev.saturn.profiling.ring;
