/** bpftrace maps of stacks as printed at exit. */
package dev.saturn.flamegraph.parse.bpftrace;
