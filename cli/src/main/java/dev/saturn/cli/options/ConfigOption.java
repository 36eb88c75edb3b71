package dev.saturn.cli.options;

import dev.saturn.analyzers.use.Thresholds;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --config FILE of `saturn use` and `saturn agent`; {@link ConfigFile} reads it. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Threshold overrides (name.warn / name.crit = value, # comments; docs/use.md), and for the "
                + "agent its trigger settings (docs/agent.md): one file for both commands.")
    Path file;

    /** The file given, or null. */
    public Path file() {
        return file;
    }

    /** The thresholds of `saturn use`, the trigger.* settings checked too; the defaults without --config. */
    public Thresholds thresholds() {
        return ConfigFile.load(file);
    }
}
