package dev.saturn.cli.common;

/** saturn's exit codes, as `saturn --help` lists them. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int FINDINGS = 3;

    private ExitCode() {
    }
}
