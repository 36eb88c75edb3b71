package dev.saturn.cli.options;

import picocli.CommandLine.Option;

/**
 * --verbose: an internal error with its stack trace. Nothing reads the field: whoever reports the
 * error asks whether the option was given (picocli's parse result, or the fast path's arguments).
 */
public final class VerboseOption {
    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;
}
