/**
 * Every option that more than one command takes, declared once as a picocli mixin (--verbose, --color,
 * --proc-root/--sys-root/--root-fs, --cgroup, --config, --data-dir, --disable), with its help, default and
 * checks, and the converters and config-file reader they use.
 */
package dev.saturn.cli.options;
