package dev.saturn.cli;

import dev.saturn.testkit.Needs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real full disk: a 64 KiB tmpfs mounted at {@code dir} and filled by a file. Mounting needs root
 * (CI runs as root); elsewhere the calling test is skipped with a visible message.
 */
final class FullDisk implements AutoCloseable {
    final Path mount;

    private FullDisk(Path mount) {
        this.mount = mount;
    }

    static FullDisk at(Path dir, String test) throws Exception {
        Needs.root(test + " mounts a small tmpfs");
        Path mount = Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString());
        FullDisk disk = new FullDisk(mount);
        try {
            Files.createDirectories(mount.resolve("data"));
            fill(mount.resolve("filler"));
        } catch (Exception e) {
            disk.close();
            throw e;
        }
        return disk;
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    @Override
    public void close() throws Exception {
        run("umount", "-l", mount.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
        }
    }
}
