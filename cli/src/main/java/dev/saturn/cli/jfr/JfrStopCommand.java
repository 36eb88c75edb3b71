package dev.saturn.cli.jfr;

import dev.saturn.collectors.jvm.JfrControl;
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
            "  saturn jfr stop -p 1234 --name leak              # discard it"})
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
        String said = target.run(t -> JfrControl.stop(t, target.name, file));
        spec.commandLine().getOut().println(said);
        return 0;
    }
}
