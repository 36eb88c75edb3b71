package dev.saturn.cli;

import picocli.CommandLine.Command;

@Command(name = "saturn", mixinStandardHelpOptions = true, versionProvider = dev.saturn.cli.help.VersionProvider.class,
        description = {
            "Linux performance in Brendan Gregg's USE method: for every resource, its utilization, "
                + "saturation and errors.",
            "",
            "Start with `saturn use`: a one-shot checklist of this host with findings in plain words. "
                + "`saturn help COMMAND` (or `saturn COMMAND --help`, or `man saturn-COMMAND`) tells about each command."},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 usage error, 3 a finding at or above --fail-on.",
            "Docs: docs/ in the source tree (one page per command, docs/metrics.md for every formula)."})
public final class SaturnCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
