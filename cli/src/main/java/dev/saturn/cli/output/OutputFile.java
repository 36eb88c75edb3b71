package dev.saturn.cli.output;

import dev.saturn.cli.common.UserException;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file a command writes (-o FILE): written beside it under a hidden name and renamed over it once
 * complete, so that a failure (a full disk, an error half-way) leaves the old file or none, never a
 * truncated one that looks like a result. A device, a pipe or a symbolic link is written in place.
 */
public final class OutputFile implements Closeable {
    private final Path target;
    private final Path temporary;
    private final OutputStream stream;
    private boolean committed;

    private OutputFile(Path target, Path temporary, OutputStream stream) {
        this.target = target;
        this.temporary = temporary;
        this.stream = stream;
    }

    /** Opens {@code target} for writing; a target that cannot be written is a one-line {@link UserException}. */
    public static OutputFile create(Path target, String example) {
        if (target.toString().isEmpty()) {
            throw new UserException("the output file name is empty: give a file such as " + example);
        }
        if (Files.isDirectory(target)) {
            throw new UserException("cannot write " + target + ": it is a directory; give a file name such as "
                    + target.resolve(example));
        }
        boolean inPlace = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!inPlace) {
                Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                try {
                    OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new OutputFile(target, temporary, new BufferedOutputStream(out, 1 << 16));
                } catch (AccessDeniedException e) {
                    if (!Files.isWritable(target)) {
                        throw e;
                    }
                    // a writable file in a directory we may not add to: written in place, as > would
                }
            }
            return new OutputFile(target, null, new BufferedOutputStream(Files.newOutputStream(target), 1 << 16));
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    public OutputStream stream() {
        return stream;
    }

    /** Flushes and puts the file in its place; a failure there is a {@link UserException}, the file left out. */
    public void commit() {
        try {
            stream.close();
            if (temporary != null) {
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            committed = true;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Without {@link #commit}: removes the unfinished file. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // the write already failed; what matters is that no partial file stays
        }
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do: the target itself was never touched
            }
        }
    }

    /** "cannot write FILE: REASON", the reason in a person's words. */
    public static UserException cannotWrite(Path target, IOException e) {
        return new UserException("cannot write " + target + ": " + reason(e));
    }

    /** What went wrong with a file, without the exception's class name. */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
