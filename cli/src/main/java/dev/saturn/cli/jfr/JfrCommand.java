package dev.saturn.cli.jfr;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "jfr", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        subcommands = {JfrStartCommand.class, JfrDumpCommand.class, JfrStopCommand.class, JfrSummaryCommand.class},
        description = {
            "Start, dump and stop JFR recordings in a JVM; summarize one.",
            "",
            "`summary` reads a .jfr file: hottest methods, GC pauses, contended monitors and parks by class.",
            "",
            "saturn attaches with the JDK attach API and runs the JVM's own JFR commands (start, dump, stop) "
                + "as `jcmd` would. The JVM writes the files itself, as its own user.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn jfr start -p 1234 --settings profile",
            "  saturn jfr dump -p 1234 -o /tmp/app.jfr",
            "  saturn flamegraph --event cpu /tmp/app.jfr > cpu.svg",
            "  saturn jfr summary /tmp/app.jfr",
            "  saturn jfr stop -p 1234 -o /tmp/final.jfr",
            "",
            "Pages: docs/jfr.md, docs/jfr-summary.md."})
public final class JfrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
