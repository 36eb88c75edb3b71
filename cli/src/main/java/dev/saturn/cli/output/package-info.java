/**
 * Where output goes: standard output that keeps its write errors, output files written whole or not at all,
 * and the terminal's colour.
 */
package dev.saturn.cli.output;
