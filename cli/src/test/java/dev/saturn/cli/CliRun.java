package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs saturn in-process through the same factory as main, capturing stdout, stderr and the exit code. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cli = Saturn.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** A run that must fail as a user's mistake does: exit 2 and one line. */
    static CliRun failing(String... args) {
        CliRun run = of(args);
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError(), run.err());
        return run;
    }

    /** Errors are one line, prefixed, with no stack trace. */
    boolean oneLineError() {
        return err.startsWith("saturn: ") && err.strip().lines().count() == 1 && !err.contains("\tat ");
    }
}
