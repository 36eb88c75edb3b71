package dev.saturn.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;
import picocli.CommandLine;

/**
 * Runs a flame graph command in-process through the same factory as main. Those commands write bytes
 * to System.out (an SVG is not text in the platform charset), so this captures System.out as bytes,
 * and feeds System.in; stderr is captured from the writer the command is given, as in {@link CliRun}.
 */
record FlameRun(int exit, byte[] out, String err) {

    static FlameRun of(String... args) {
        return withStdin(new byte[0], args);
    }

    static FlameRun withStdin(byte[] stdin, String... args) {
        CommandLine cli = Saturn.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return capture(stdin, err -> {
            cli.setErr(err);
            return cli.execute(args);
        });
    }

    /** As main runs it: through {@code FastArguments} when it reads the arguments, else picocli. */
    static FlameRun viaMain(byte[] stdin, String... args) {
        return capture(stdin, err -> Saturn.execute(args, err));
    }

    private static synchronized FlameRun capture(byte[] stdin, ToIntFunction<PrintWriter> run) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        InputStream oldIn = System.in;
        System.setOut(new PrintStream(out, true));
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            int exit = run.applyAsInt(new PrintWriter(err, true));
            System.out.flush();
            return new FlameRun(exit, out.toByteArray(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setIn(oldIn);
        }
    }

    String text() {
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Errors are one line, prefixed, with no stack trace. */
    boolean oneLineError() {
        return err.startsWith("saturn: ") && err.strip().lines().count() == 1 && !err.contains("\tat ");
    }
}
