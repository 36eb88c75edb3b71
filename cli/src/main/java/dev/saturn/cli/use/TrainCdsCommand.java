package dev.saturn.cli.use;

import dev.saturn.cli.Saturn;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs `saturn use` as a user would, text and JSON, into a null stream, so that the build can
 * record the classes it loads and archive them for a fast start (AppCDS).
 */
@Command(name = "train-cds", hidden = true)
public final class TrainCdsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (String[] args : new String[][] {{"use", "--interval", "100ms"}, {"use", "--interval", "100ms", "--json"},
                {"use", "--help"}}) {
            CommandLine cli = Saturn.commandLine();
            cli.setOut(new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), Charset.defaultCharset())));
            cli.execute(args);
        }
        return 0;
    }
}
