/**
 * Where output goes and how a command waits in front of a person: standard output that keeps its write errors,
 * output files written whole or not at all, the terminal's colour and countdowns, a profile's wait with Ctrl-C.
 */
package dev.saturn.cli.output;
