package dev.saturn.cli.flame;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "diff-folded", mixinStandardHelpOptions = true, hidden = true, description = "Not yet implemented.")
public final class DiffFoldedCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new dev.saturn.cli.UserException("saturn diff-folded is not implemented yet");
    }
}
