/**
 * `saturn profile`: records a process (or the host) for a while with perf or async-profiler and writes the
 * folded stacks or the flame graph. It does not load the agent.
 */
package dev.saturn.cli.profile;
