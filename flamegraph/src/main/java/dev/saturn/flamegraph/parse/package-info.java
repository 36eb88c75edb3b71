/**
 * What the format parsers share: the parser interface, the formats, what a count counts, bytes read as
 * Latin-1 lines, and the statistics of a parse (lines read, bad lines and why). The parsers of each format
 * are its subpackages; they depend on this package, never the reverse.
 */
package dev.saturn.flamegraph.parse;
