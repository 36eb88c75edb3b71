package dev.saturn.cli.jfr;

import dev.saturn.cli.common.UserException;
import dev.saturn.collectors.jvm.JfrControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stop", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Stop a recording (JFR.stop), writing it to a file first when -o is given.",
        footer = {"", "Examples:",
            "  saturn jfr stop -p 1234 -o /tmp/app.jfr",
            "  saturn jfr stop -p 1234 --name leak              # discard it",
            "", "Page: docs/jfr.md."})
public final class JfrStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JfrTarget target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the recording here before it is discarded.")
    Path output;

    @Override
    public Integer call() {
        Path file = output == null ? null : JfrTarget.checkedFile(output);
        boolean existed = file != null && Files.exists(file);
        String said = target.run(t -> JfrControl.stop(t, target.name, file));
        if (said.contains("already stopped") || said.contains("has been stopped")) {
            // the JVM says so as its output, not as a refusal: a recording whose --duration ran out.
            // With -o it has created the file, empty: not a recording to leave behind.
            if (file != null && !existed) {
                try {
                    if (Files.size(file) == 0) {
                        Files.delete(file);
                    }
                } catch (IOException ignored) {
                    // it was not created, or is not ours to remove
                }
            }
            throw new UserException("recording " + target.name + " in JVM " + target.pid + " has already stopped (its --duration "
                    + "ended)" + (file == null ? "" : "; nothing was written to " + output) + ": copy it out with `saturn jfr dump -p "
                    + target.pid + target.nameOption() + " -o FILE`");
        }
        spec.commandLine().getOut().println(said);
        return 0;
    }
}
