package dev.saturn.analyzers.use;

import dev.saturn.collectors.proc.TaskCounts;
import dev.saturn.collectors.snapshot.SnapshotPair;
import dev.saturn.collectors.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A copy of the project's own capture (vm-2cpu-saturn, under load) whose files a test rewrites on
 * either side, to put one kernel counter where the test needs it.
 */
final class TreePair {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/vm-2cpu-saturn");

    final Path before;
    final Path after;

    TreePair(Path tmp) {
        before = copy(FIXTURE.resolve("load-0"), tmp.resolve("before"));
        after = copy(FIXTURE.resolve("load-1"), tmp.resolve("after"));
    }

    double seconds() {
        return Double.parseDouble(read(after, "TIMESTAMP")) - Double.parseDouble(read(before, "TIMESTAMP"));
    }

    /** Writes {@code relative} on both sides: {@code first} before, {@code second} after. */
    TreePair both(String relative, String first, String second) {
        write(before, relative, first);
        write(after, relative, second);
        return this;
    }

    /** Replaces the line starting with {@code prefix} in a file on one side. */
    static void line(Path side, String relative, String prefix, String replacement) {
        String text = read(side, relative);
        StringBuilder out = new StringBuilder();
        boolean found = false;
        for (String l : text.split("\n", -1)) {
            if (!found && l.startsWith(prefix)) {
                out.append(replacement);
                found = true;
            } else {
                out.append(l);
            }
            out.append('\n');
        }
        if (!found) {
            throw new AssertionError("no line starting with " + prefix + " in " + relative);
        }
        write(side, relative, out.substring(0, out.length() - 1));
    }

    UseReport analyze() throws Exception {
        return analyze(List.of());
    }

    UseReport analyze(List<TaskCounts> samples) throws Exception {
        return new UseAnalyzer(Thresholds.defaults())
                .analyze(new SnapshotPair(SnapshotReader.tree(before), SnapshotReader.tree(after), samples));
    }

    static String read(Path dir, String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path dir, String relative, String content) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, Path to) {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
