package dev.saturn.cli.options;

import dev.saturn.agent.AgentConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --data-dir DIR: where `saturn agent` writes its history and `saturn history` reads it. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the history lives (default /var/lib/saturn as root, else ~/.local/share/saturn).")
    Path dir;

    /** The directory given, or the agent's default for this user. */
    public Path dir() {
        return dir != null ? dir : AgentConfig.defaultDataDir();
    }
}
