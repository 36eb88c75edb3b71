/**
 * `saturn collapse`, `saturn flamegraph` and `saturn diff-folded`: options and output only; reading stacks
 * and drawing are the flamegraph module's. Their arguments are also read without picocli (FastArguments),
 * from the table the build generates from these commands' annotations.
 */
package dev.saturn.cli.flame;
