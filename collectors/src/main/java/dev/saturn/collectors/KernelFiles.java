package dev.saturn.collectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads kernel files whole and hands their text to a parser; failures become reasons. {@link #anew()} opens
 * each file for each read and holds nothing. A sampler of the live host makes its own {@link #keptOpen()}
 * instance, which keeps the system-wide /proc and /sys files open between samples ({@link KeptFiles}), and
 * closes it, and with it those files, when it is closed.
 */
public final class KernelFiles implements AutoCloseable {
    private static final KernelFiles ANEW = new KernelFiles(null);

    /** Null: every read opens its file. */
    private final KeptFiles kept;

    private KernelFiles(KeptFiles kept) {
        this.kept = kept;
    }

    /** Opens each file for each read: for snapshot trees, relocated roots and one-off reads. Shared: it holds nothing. */
    public static KernelFiles anew() {
        return ANEW;
    }

    /** Keeps the live host's system-wide /proc and /sys files open until {@link #close()}: one per sampler. */
    public static KernelFiles keptOpen() {
        return new KernelFiles(new KeptFiles());
    }

    public Reading<String> read(Path path) {
        try {
            // ISO-8859-1: /proc is bytes, and a process name may hold any of them.
            String text = new String(readBytes(path), StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) {
                return Reading.unavailable(path + " is empty");
            }
            return Reading.of(text);
        } catch (NoSuchFileException e) {
            return Reading.unavailable(path + " does not exist");
        } catch (AccessDeniedException e) {
            return Reading.unavailable(path + " is not readable (permission denied)");
        } catch (IOException e) {
            return Reading.unavailable("cannot read " + path + ": " + e.getMessage());
        }
    }

    /**
     * The whole file in one read where it fits. Not Files.readAllBytes: for a file whose size is
     * reported as 0 it reads one byte first, and /proc/sys files answer a read at offset 1 with
     * nothing, so "32768" would come back as "3".
     */
    public byte[] readBytes(Path path) throws IOException {
        if (kept != null && KeptFiles.keeps(path)) {
            byte[] bytes = kept.read(path);
            if (bytes != null) {
                return bytes;
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    public <T> Reading<T> parse(Path path, Function<String, T> parser) {
        Reading<String> text = read(path);
        if (!text.isAvailable()) {
            return Reading.unavailable(text.reason());
        }
        return parseText(path, text.value(), parser);
    }

    public static <T> Reading<T> parseText(Path path, String text, Function<String, T> parser) {
        try {
            return Reading.of(parser.apply(text));
        } catch (Unavailable e) {
            return Reading.unavailable(e.getMessage());
        } catch (RuntimeException e) {
            return Reading.unavailable(path + " is garbled (" + describe(e) + ")");
        }
    }

    public Reading<Long> readLong(Path path) {
        return parse(path, text -> Long.parseLong(text.trim()));
    }

    public Reading<String> readTrimmed(Path path) {
        return parse(path, String::trim);
    }

    /** Closes the files kept open; reads after it open each file anew. */
    @Override
    public void close() {
        if (kept != null) {
            kept.close();
        }
    }

    @Override
    public String toString() {
        return kept == null ? "read anew" : "kept open";
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
