package dev.saturn.cli.flame;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "collapse", mixinStandardHelpOptions = true, hidden = true, description = "Not yet implemented.")
public final class CollapseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new dev.saturn.cli.UserException("saturn collapse is not implemented yet");
    }
}
