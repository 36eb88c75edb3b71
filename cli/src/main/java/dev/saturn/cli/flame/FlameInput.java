package dev.saturn.cli.flame;

import dev.saturn.cli.UserException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the flame commands read stacks from: a file, or standard input for "-", and what a user is
 * told when that fails, in one line: {@code saturn: cannot read NAME: no such file}.
 */
final class FlameInput {
    static final String STDIN = "-";

    private FlameInput() {
    }

    /** A file, or standard input for "-" (left open when the stream is closed, for whoever reads it next). */
    static InputStream open(String name) {
        if (name.equals(STDIN)) {
            return new FilterInputStream(System.in) {
                @Override
                public void close() {
                }
            };
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

    /** The error for an input that opened but could not be read to its end. */
    static UserException readError(String name, IOException e) {
        return new UserException("cannot read " + display(name) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    /** "standard input" for "-", else the name as given. */
    static String display(String name) {
        return name.equals(STDIN) ? "standard input" : name;
    }
}
