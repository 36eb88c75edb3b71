package dev.saturn.cli.jfr;

import dev.saturn.collectors.jvm.JfrControl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Write what a running recording holds so far to a file (JFR.dump); it goes on recording.",
        footer = {"", "Examples:",
            "  saturn jfr dump -p 1234 -o /tmp/app.jfr",
            "  saturn jfr dump -p 1234 --name leak -o leak.jfr",
            "  saturn flamegraph --event alloc leak.jfr > alloc.svg",
            "", "Page: docs/jfr.md."})
public final class JfrDumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JfrTarget target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The .jfr file to write.")
    Path output;

    @Override
    public Integer call() {
        Path file = JfrTarget.checkedFile(output);
        String said = target.runWriting(file, t -> JfrControl.dump(t, target.name, file));
        spec.commandLine().getOut().println(said);
        return 0;
    }
}
