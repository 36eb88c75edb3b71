package dev.saturn.cli;

import dev.saturn.cli.agent.AgentCommand;
import dev.saturn.cli.agent.HistoryCommand;
import dev.saturn.cli.flame.CollapseCommand;
import dev.saturn.cli.flame.DiffFoldedCommand;
import dev.saturn.cli.flame.FlamegraphCommand;
import dev.saturn.cli.jfr.JfrCommand;
import dev.saturn.cli.profile.ProfileCommand;
import dev.saturn.cli.stat.StatCommand;
import dev.saturn.cli.use.SnapshotCommand;
import dev.saturn.cli.use.TrainCdsCommand;
import dev.saturn.cli.use.UseCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point: builds the command line, maps failures to one-line errors and exit codes. */
public final class Saturn {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FINDINGS = 3;

    private Saturn() {
    }

    /** The subcommands, in the order `saturn --help` lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("use", UseCommand::new);
        m.put("snapshot", SnapshotCommand::new);
        m.put("agent", AgentCommand::new);
        m.put("history", HistoryCommand::new);
        m.put("collapse", CollapseCommand::new);
        m.put("flamegraph", FlamegraphCommand::new);
        m.put("diff-folded", DiffFoldedCommand::new);
        m.put("profile", ProfileCommand::new);
        m.put("stat", StatCommand::new);
        m.put("jfr", JfrCommand::new);
        m.put("train-cds", TrainCdsCommand::new);
        return m;
    }

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The one factory used by main and by the tests: every subcommand. */
    public static CommandLine commandLine() {
        return configure(SUBCOMMANDS.keySet());
    }

    /**
     * Only the subcommand the arguments name, when they name one: picocli reflects over each
     * command's annotations at start, 10-30 ms a command, a good part of a short run.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) {
            return configure(List.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine configure(Iterable<String> names) {
        CommandLine cli = new CommandLine(new SaturnCommand());
        for (String name : names) {
            cli.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
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
