/**
 * `perf script` output as stacks, with stackcollapse-perf.pl's rules (events, annotations, kernel and JIT
 * frames), read in chunks on more than one thread.
 */
package dev.saturn.flamegraph.parse.perf;
