package dev.saturn.cli;

import dev.saturn.testkit.Needs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs saturn as user nobody (through setpriv) from a world-readable copy of the test classpath: the
 * permission errors a user meets cannot be produced as root. Switching users needs root (CI runs as
 * root); elsewhere the calling test is skipped with a visible message.
 */
final class AsNobody {
    static final List<String> PREFIX = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    private AsNobody() {
    }

    static void requireRoot(String test) {
        Needs.root("switching to user nobody (for " + test + ")");
        Needs.tool("setpriv");
    }

    /** The test classpath copied under {@code dir}, readable by everyone; {@code dir} itself too. */
    static String classpath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve("cp" + i++ + (Files.isDirectory(from) ? "" : ".jar"));
            copy(from, to);
            entries.add(to.toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                p.toFile().setReadable(true, false);
                p.toFile().setExecutable(Files.isDirectory(p), false);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
