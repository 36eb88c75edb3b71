/**
 * `saturn stat`: hardware and software counters of a process over a window, in perf stat's layout or as JSON.
 */
package dev.saturn.cli.stat;
