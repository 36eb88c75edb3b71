package dev.saturn.cli.jfr;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Temporary parent of `saturn jfr summary` in this branch; the jfr start|dump|stop branch brings the real one. */
@Command(name = "jfr", mixinStandardHelpOptions = true, subcommands = {JfrSummaryCommand.class},
        description = "JDK Flight Recorder recordings: summarize one.")
public final class JfrCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
