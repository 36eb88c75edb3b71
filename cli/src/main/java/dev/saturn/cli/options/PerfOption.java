package dev.saturn.cli.options;

import picocli.CommandLine.Option;

/** --perf: the perf binary the command records with (`saturn profile`, `saturn use --drill-down`, the agent's triggers). */
public final class PerfOption {
    @Option(names = "--perf", paramLabel = "PATH", defaultValue = "${env:SATURN_PERF:-perf}",
            description = "The perf binary (default: perf on PATH, or env SATURN_PERF).")
    String perf;

    public String command() {
        return perf;
    }
}
