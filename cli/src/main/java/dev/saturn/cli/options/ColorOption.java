package dev.saturn.cli.options;

import dev.saturn.cli.output.Terminal;
import picocli.CommandLine.Option;

/** --color WHEN of the commands that print a table or headings for a terminal. */
public final class ColorOption {
    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN",
            description = "Colour the output: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: on a terminal, unless NO_COLOR is set).")
    Terminal.ColorMode mode;

    /** Whether to write colours, for the mode given and where standard output goes. */
    public boolean colour() {
        return Terminal.colour(mode);
    }
}
