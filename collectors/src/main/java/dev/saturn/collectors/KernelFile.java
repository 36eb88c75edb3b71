package dev.saturn.collectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads one kernel file whole and hands its text to a parser; failures become reasons. */
public final class KernelFile {
    private KernelFile() {
    }

    public static Reading<String> read(Path path) {
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
     * nothing, so "32768" would come back as "3". The live host's system-wide /proc files stay open
     * between reads ({@link KeptFiles}).
     */
    public static byte[] readBytes(Path path) throws IOException {
        if (KeptFiles.keeps(path)) {
            byte[] kept = KeptFiles.read(path);
            if (kept != null) {
                return kept;
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return in.readAllBytes();
        }
    }

    public static <T> Reading<T> parse(Path path, Function<String, T> parser) {
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

    public static Reading<Long> readLong(Path path) {
        return parse(path, text -> Long.parseLong(text.trim()));
    }

    public static Reading<String> readTrimmed(Path path) {
        return parse(path, String::trim);
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
