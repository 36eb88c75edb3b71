package dev.saturn.cli.flame;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "flamegraph", mixinStandardHelpOptions = true, hidden = true, description = "Not yet implemented.")
public final class FlamegraphCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new dev.saturn.cli.UserException("saturn flamegraph is not implemented yet");
    }
}
