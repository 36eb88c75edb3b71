package dev.saturn.cli;

import dev.saturn.cli.agent.AgentCommand;
import dev.saturn.cli.common.ExitCode;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.agent.HistoryCommand;
import dev.saturn.cli.flame.CollapseCommand;
import dev.saturn.cli.flame.DiffFoldedCommand;
import dev.saturn.cli.flame.FastArguments;
import dev.saturn.cli.flame.FastSyntax;
import dev.saturn.cli.flame.PerlSpelling;
import dev.saturn.cli.flame.ProcessStdin;
import dev.saturn.cli.flame.FlamegraphCommand;
import dev.saturn.cli.jfr.JfrCommand;
import dev.saturn.cli.output.Stdout;
import dev.saturn.cli.profile.ProfileCommand;
import dev.saturn.cli.stat.StatCommand;
import dev.saturn.cli.use.SnapshotCommand;

import dev.saturn.cli.use.UseCommand;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;

/** Entry point: builds the command line, maps failures to one-line errors and exit codes. */
public final class Saturn {
    private Saturn() {
    }

    /** The subcommands, in the order `saturn --help` lists them. */
    private static final List<String> SUBCOMMANDS = List.of("use", "snapshot", "agent", "history", "collapse", "flamegraph", "diff-folded", "profile", "stat", "jfr",
            "train-cds", "help");

    /** A new command object for a name of {@link #SUBCOMMANDS}; a switch, not a map of lambdas, which cost a fast start ~10 ms. */
    private static Object subcommand(String name) {
        switch (name) {
            case "use":
                return new UseCommand();
            case "snapshot":
                return new SnapshotCommand();
            case "agent":
                return new AgentCommand();
            case "history":
                return new HistoryCommand();
            case "collapse":
                return new CollapseCommand();
            case "flamegraph":
                return new FlamegraphCommand();
            case "diff-folded":
                return new DiffFoldedCommand();
            case "profile":
                return new ProfileCommand();
            case "stat":
                return new StatCommand();
            case "jfr":
                return new JfrCommand();
            case "train-cds":
                return new TrainCdsCommand();
            case "help":
                return new CommandLine.HelpCommand();
            default:
                throw new IllegalArgumentException(name);
        }
    }

    public static void main(String[] args) {
        System.setOut(Stdout.recordingFd1());
        ProcessStdin.claim();
        System.exit(execute(args, stderr()));
    }

    /**
     * Runs saturn as main does, messages to {@code err}: collapse, flamegraph and diff-folded through
     * {@link FastArguments} when it reads their arguments (a start without picocli, about 100 ms less),
     * anything else through picocli.
     */
    public static int execute(String[] args, PrintWriter err) {
        FastSyntax perl = args.length > 0 ? FastArguments.syntax(args[0]) : null;
        if (perl != null) {
            try {
                // flamegraph.pl's and stackcollapse-perf.pl's spellings: -title, --inv, --Title
                args = PerlSpelling.normalize(args, perl);
            } catch (UserException e) {
                err.println("saturn: " + e.getMessage() + " (try `saturn " + args[0] + " --help`)");
                err.flush();
                return ExitCode.USAGE;
            }
        }
        FastArguments.Parsed fast = FastArguments.parse(args, err);
        if (fast == null) {
            CommandLine cli = commandLine(args);
            cli.setErr(err);
            int exit = cli.execute(args);
            cli.getOut().flush();
            return checkStdout(exit, err);
        }
        try {
            return checkStdout(fast.command().call(), err);
        } catch (Exception e) {
            return failure(e, err, fast.verbose());
        } finally {
            err.flush();
        }
    }

    /**
     * The exit code, unless standard output failed under a command that went on as if it had not: then
     * 2 with the reason (PrintStream hides it). A command that failed has said why already.
     */
    private static int checkStdout(int exit, PrintWriter err) {
        if (exit != ExitCode.OK && exit != ExitCode.FINDINGS) {
            return exit;
        }
        String failure = Stdout.failure();
        if (failure == null) {
            return exit;
        }
        err.println("saturn: " + failure);
        err.flush();
        return ExitCode.USAGE;
    }

    /** Standard error as picocli writes it by default. */
    private static PrintWriter stderr() {
        Charset charset = Charset.defaultCharset();
        String name = System.getProperty("sun.stderr.encoding");
        if (name != null) {
            try {
                charset = Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
            } catch (IllegalArgumentException e) {
                // picocli falls back to the default charset too
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err, charset)), true);
    }

    /** The one-line message and exit code of a failed command: a user's mistake (2) or an internal error (1). */
    private static int failure(Exception e, PrintWriter err, boolean verbose) {
        if (e instanceof UserException) {
            err.println("saturn: " + e.getMessage());
            return ExitCode.USAGE;
        }
        err.println("saturn: internal error: " + e + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }

    /** The one factory used by main and by the tests: every subcommand. */
    public static CommandLine commandLine() {
        return configure(SUBCOMMANDS);
    }

    /**
     * Only the subcommand the arguments name, when they name one: picocli reflects over each
     * command's annotations at start, 10-30 ms a command, a good part of a short run.
     */
    static CommandLine commandLine(String[] args) {
        if (args.length > 0 && SUBCOMMANDS.contains(args[0]) && !args[0].equals("help")) {
            return configure(List.of(args[0]));
        }
        return commandLine();
    }

    private static CommandLine configure(Iterable<String> names) {
        CommandLine cli = new CommandLine(new SaturnCommand());
        for (String name : names) {
            cli.addSubcommand(name, subcommand(name));
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("saturn: " + message(e) + " (try `" + cmd.getCommandSpec().qualifiedName() + " --help`)");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd.getErr(), verbose(parsed)));
        return cli;
    }

    /** picocli's message, but an unknown command or a stray word said as such, with picocli's guess at what was meant. */
    private static String message(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String first = u.getUnmatched().get(0);
        String stem = first.replaceFirst("^-+", "");
        // picocli's guesses are loose (bogus -> use): only those that begin as the word does
        List<String> guesses = u.getSuggestions().stream()
                .filter(g -> stem.length() >= 2 && g.replaceFirst("^-+", "").startsWith(stem.substring(0, 2))).toList();
        String guess = guesses.isEmpty() ? "" : ": did you mean " + String.join(" or ", guesses) + "?";
        if (first.startsWith("-")) {
            return e.getMessage() + guess;
        }
        if (!u.getCommandLine().getSubcommands().isEmpty()) {
            return "unknown command '" + first + "'" + guess;
        }
        return "unexpected argument '" + first + "'";
    }

    /** Whether --verbose was given to the command or any subcommand on the way to it (saturn jfr summary --verbose). */
    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
