/**
 * perf_event_open through JNA (counters per process and per CPU), and perf record as a subprocess for stacks.
 */
package dev.saturn.collectors.perf;
