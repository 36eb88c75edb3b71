/**
 * perf_event_open through JNA (counters per process and per CPU), and perf record as a subprocess for stacks:
 * sampled, at scheduler switches (tracepoints, checked against tracefs first) or at page faults.
 */
package dev.saturn.collectors.perf;
