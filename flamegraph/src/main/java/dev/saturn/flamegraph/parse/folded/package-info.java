/**
 * Folded stacks (`a;b;c 42`, flamegraph.pl's input): the one grammar of docs/stack-formats.md, fractional and
 * differential counts included.
 */
package dev.saturn.flamegraph.parse.folded;
