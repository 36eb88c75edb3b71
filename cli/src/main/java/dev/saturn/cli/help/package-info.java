/** Help beyond --help: the manual pages and shell completion made from the command model, and what --version says. */
package dev.saturn.cli.help;
