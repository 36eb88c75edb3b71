/**
 * The entry point: main, the top-level `saturn` command and its subcommands' registry, the fast path for the
 * flame graph commands' arguments, and the AppCDS training run. It refers to the command packages; they never
 * refer back.
 */
package dev.saturn.cli;
