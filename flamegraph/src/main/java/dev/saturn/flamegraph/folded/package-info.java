/**
 * Stacks with their counts, the data every input becomes: the sinks parsers write into, folded stacks merged
 * and printed as stackcollapse prints them, a profile read back, and the difference of two (difffolded).
 */
package dev.saturn.flamegraph.folded;
