/**
 * Reading any stack input: {@link dev.saturn.flamegraph.input.StackReader} takes a file or stdin, tells its
 * format from its first lines (or takes the one given) and hands it to that format's parser; the commands and
 * the profiler read stacks only through here.
 */
package dev.saturn.flamegraph.input;
