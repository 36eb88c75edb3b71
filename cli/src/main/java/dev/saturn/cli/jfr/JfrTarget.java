package dev.saturn.cli.jfr;

import dev.saturn.cli.common.UserException;
import dev.saturn.collectors.ProfilingException;
import dev.saturn.collectors.jvm.TargetProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The options every jfr subcommand shares: which JVM, which recording. */
final class JfrTarget {
    private static final Pattern ONE_WORD = Pattern.compile("[^\\s=,]+");

    @Option(names = {"-p", "--pid"}, paramLabel = "PID", required = true, description = "The JVM's process id.")
    long pid;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = "saturn",
            description = "The recording's name (default ${DEFAULT-VALUE}).")
    String name;

    /** Runs a JFR action on the target, errors as one line. */
    String run(Function<TargetProcess, String> action) {
        if (!ONE_WORD.matcher(name).matches()) {
            // the diagnostic command splits its arguments at spaces: "a b" would start "a" with settings "b"
            throw new UserException("--name '" + name + "': a recording's name is one word (no spaces, '=' or ','), e.g. --name leak");
        }
        try {
            return action.apply(TargetProcess.of(pid));
        } catch (ProfilingException e) {
            String m = e.getMessage();
            if (m.contains("Use JFR.check")) {
                m = m.replace("Use JFR.check without options to see list of all available recordings.",
                        "List the recordings with `jcmd " + pid + " JFR.check`.");
            }
            throw new UserException(m);
        }
    }

    /**
     * Runs a JFR action in which the JVM writes {@code file}: when it fails, a file it began is removed
     * (an empty or cut-off recording is none), and a full disk is said as every other command says it.
     */
    String runWriting(Path file, Function<TargetProcess, String> action) {
        boolean existed = Files.exists(file);
        try {
            return run(action);
        } catch (UserException e) {
            if (existed || !Files.exists(file)) {
                throw e;
            }
            try {
                Files.delete(file);
            } catch (IOException ignored) {
                // not ours to remove after all: the JVM's own message below still says what failed
            }
            if (full(file)) {
                throw new UserException("cannot write " + file + ": No space left on device (nothing was written; "
                        + "the recording goes on: dump it elsewhere with -o)");
            }
            throw e;
        }
    }

    /** Less than a megabyte left where the file goes. */
    private static boolean full(Path file) {
        try {
            return Files.getFileStore(file.getParent()).getUsableSpace() < (1 << 20);
        } catch (IOException e) {
            return false;
        }
    }

    /** " -n NAME" for a hint, or nothing for the default name. */
    String nameOption() {
        return name.equals("saturn") ? "" : " -n " + name;
    }

    /** The JVM writes the file; this catches what can be seen from here before asking it. */
    static Path checkedFile(Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new UserException("cannot write " + file + ": it is a directory; give a file name such as " + file.resolve("app.jfr"));
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException("cannot write " + file + ": no such directory " + parent);
        }
        if (Files.exists(abs) ? !Files.isWritable(abs) : parent != null && !Files.isWritable(parent)) {
            throw new UserException("cannot write " + file + ": permission denied (or a read-only filesystem); choose another -o");
        }
        return abs;
    }
}
