/**
 * Talking to running JVMs: attach, diagnostic commands, JFR control, async-profiler's library and sessions,
 * perf maps.
 */
package dev.saturn.collectors.jvm;
