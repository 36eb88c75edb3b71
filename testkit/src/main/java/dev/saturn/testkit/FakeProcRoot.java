package dev.saturn.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A --proc-root that is this host's /proc except for its mount table, which lists real mounts made by the test
 * under other mount points, as a host's /proc seen from a container lists mounts the container does not have:
 * PROC/1/mountinfo (the host's, init's) and PROC/self/mountinfo both hold it. Every other entry is a symbolic
 * link into /proc (self's into /proc/self, which is whoever reads it).
 */
public final class FakeProcRoot implements AutoCloseable {
    public final Path dir;

    private FakeProcRoot(Path dir) {
        this.dir = dir;
    }

    /** At {@code dir}: each real mount at a value of {@code mounts} is listed under its key (/some/mnt). */
    public static FakeProcRoot create(Path dir, Map<String, Path> mounts) throws IOException {
        Files.createDirectories(dir.resolve("self"));
        Files.createDirectories(dir.resolve("1"));
        link(Path.of("/proc"), dir, Path.of("/proc"), List.of("self", "thread-self", "1"));
        link(Path.of("/proc/self"), dir.resolve("self"), Path.of("/proc/self"), List.of("mountinfo"));
        List<String> table = new ArrayList<>();
        table.add("1 0 0:4 / /proc rw,relatime - proc proc rw");
        List<String> own = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            String real = m.getValue().toAbsolutePath().toString();
            String line = own.stream().filter(l -> l.split(" ")[4].equals(real)).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException(real + " is not a mount point"));
            String[] f = line.split(" ");
            f[4] = m.getKey();
            table.add(String.join(" ", f));
        }
        String text = String.join("\n", table) + "\n";
        Files.writeString(dir.resolve("1/mountinfo"), text);
        Files.writeString(dir.resolve("self/mountinfo"), text);
        return new FakeProcRoot(dir);
    }

    /** Removes the tree (its links, never what they point to), which JUnit's @TempDir would warn about link by link. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Links each entry of {@code real} (as {@code via}/NAME) into {@code dir}: process directories and {@code except} left out. */
    private static void link(Path real, Path dir, Path via, List<String> except) throws IOException {
        try (Stream<Path> entries = Files.list(real)) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                String name = e.getFileName().toString();
                if (except.contains(name) || Character.isDigit(name.charAt(0))) {
                    continue;
                }
                Files.createSymbolicLink(dir.resolve(name), via.resolve(name));
            }
        }
    }
}
