/**
 * Recording stacks for a while (perf for any process, async-profiler inside JVMs) and folding them, for
 * `saturn profile` and the agent's triggered profiles alike. Depends on collectors and flamegraph only.
 */
package dev.saturn.profiling;
