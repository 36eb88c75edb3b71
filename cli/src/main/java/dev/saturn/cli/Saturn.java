package dev.saturn.cli;

import picocli.CommandLine;

/** Entry point: builds the command line, maps failures to one-line errors and exit codes. */
public final class Saturn {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FINDINGS = 3;

    private Saturn() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The one factory used by main and by the tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SaturnCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("saturn: " + e.getMessage() + " (try `" + cmd.getCommandSpec().qualifiedName() + " --help`)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserException) {
                cmd.getErr().println("saturn: " + e.getMessage());
                return EXIT_USAGE;
            }
            boolean verbose = parsed.hasMatchedOption("--verbose")
                    || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
            cmd.getErr().println("saturn: internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return EXIT_INTERNAL;
        });
        return cli;
    }
}
