package dev.saturn.cli;

import dev.saturn.cli.help.HelpFiles;
import java.io.IOException;
import java.nio.file.Path;

/** The build's step that writes the manual pages and completion scripts of every command: WriteHelpFiles OUTPUT_DIR. */
public final class WriteHelpFiles {
    private WriteHelpFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WriteHelpFiles OUTPUT_DIR");
            System.exit(2);
        }
        HelpFiles.write(Saturn.commandLine(), Path.of(args[0]));
    }
}
