package dev.saturn.cli.flame;

import dev.saturn.cli.common.UserException;
import dev.saturn.flamegraph.folded.StackSink;
import dev.saturn.flamegraph.input.StackReader;
import dev.saturn.flamegraph.parse.jfr.WindowOutsideRecording;
import dev.saturn.flamegraph.tree.FrameTreeBuilder;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the flame commands read stacks from: a file, or standard input for "-", read through a
 * {@link StackReader}, and what a user is told when that fails, in one line:
 * {@code saturn: cannot read NAME: no such file}.
 */
final class FlameInput {
    static final String STDIN = "-";

    private FlameInput() {
    }

    /**
     * A file, or standard input for "-": left open when the stream is closed, for whoever reads it
     * next, and at its end for good once it ended (a terminal's Ctrl-D is not sticky: a second read
     * would wait for another).
     */
    static InputStream open(String name) {
        if (name.equals(STDIN)) {
            return new StandardInput();
        }
        if (name.isEmpty()) {
            throw new UserException("a FILE name is empty: give a file, or - for standard input");
        }
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            throw new UserException("cannot read " + name + ": " + e.getReason());
        }
        return open(path);
    }

    static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException("cannot read " + file + ": it is a directory");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new UserException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw readError(file.toString(), e);
        }
    }

    /**
     * The input as a file that can be read in parts, when it is one (a file, or standard input redirected from one),
     * else null. Standard input's channel is not to be closed ({@link #closeUnlessStdin}): fd 0 stays for whoever reads
     * it next.
     */
    static FileChannel regularFile(String name) {
        try {
            if (name.equals(STDIN)) {
                if (!ProcessStdin.claimed() || !Files.isRegularFile(Path.of("/dev/stdin"))) {
                    return null;
                }
                return new FileInputStream(FileDescriptor.in).getChannel();
            }
            Path path = Path.of(name);
            return Files.isRegularFile(path) ? FileChannel.open(path) : null;
        } catch (IOException | InvalidPathException | UnsupportedOperationException e) {
            return null; // read as a stream, which says what is wrong with it
        }
    }

    static void closeUnlessStdin(String name, FileChannel file) throws IOException {
        if (!name.equals(STDIN)) {
            file.close();
        }
    }

    /** Reads the input {@code name}, a regular file, through {@code reader} on up to {@code threads} threads. */
    static StackReader.Read read(String name, FileChannel file, StackReader reader, FrameTreeBuilder builder, int threads) {
        try {
            return reader.read(file, builder, threads);
        } catch (WindowOutsideRecording e) {
            throw new UserException(display(name) + ": " + e.getMessage());
        } catch (IOException e) {
            throw readError(name, e);
        }
    }

    /** Reads the input {@code name}, opened as {@code in}, through {@code reader}; a failed read is a one-line error. */
    static StackReader.Read read(String name, InputStream in, StackReader reader, StackSink sink) {
        try {
            return reader.read(in, sink);
        } catch (WindowOutsideRecording e) {
            throw new UserException(display(name) + ": " + e.getMessage());
        } catch (IOException e) {
            throw readError(name, e);
        }
    }

    /** The error for an input that opened but could not be read to its end. */
    static UserException readError(String name, IOException e) {
        return new UserException("cannot read " + display(name) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** "standard input" for "-", else the name as given. */
    static String display(String name) {
        return name.equals(STDIN) ? "standard input" : name;
    }

    /**
     * When the inputs include standard input and it is a terminal, says so on stderr: a command that
     * waits silently for input that is not coming looks hung.
     */
    static void hintIfTerminal(java.util.List<String> names, java.io.PrintWriter err, String what) {
        if (!names.contains(STDIN)) {
            return;
        }
        if (dev.saturn.cli.output.Terminal.isTerminal(0)) {
            err.println("saturn: reading " + what + " from the terminal; paste them and press Ctrl-D, "
                    + "or give a FILE or pipe them in (--help shows how)");
            err.flush();
        }
    }

    /** System.in, not closed with the stream, and ended for good at its first end. */
    private static final class StandardInput extends FilterInputStream {
        private boolean ended;

        StandardInput() {
            super(System.in);
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            int b = in.read();
            ended = b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int n = in.read(b, off, len);
            ended = n < 0;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
