package dev.saturn.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real small disk: a tmpfs mounted at a directory, which {@link #fill} makes full. Mounting needs
 * root (CI runs as root); elsewhere the calling test is skipped with a visible message.
 */
public final class SmallDisk implements AutoCloseable {
    public final Path mount;

    private SmallDisk(Path mount) {
        this.mount = mount;
    }

    /** A tmpfs of {@code size} (as mount's size=, e.g. 16m) at {@code dir}. */
    public static SmallDisk mount(Path dir, String size, String test) throws Exception {
        Needs.root(test + " mounts a small tmpfs");
        Path mount = Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        return new SmallDisk(mount);
    }

    /** A 64 KiB tmpfs at {@code dir} with an empty directory {@code data} in it, already full. */
    public static SmallDisk full(Path dir, String test) throws Exception {
        SmallDisk disk = mount(dir, "64k", test);
        try {
            Files.createDirectories(disk.mount.resolve("data"));
            disk.fill();
        } catch (Exception e) {
            disk.close();
            throw e;
        }
        return disk;
    }

    /** Writes {@code filler} until the disk is full, and returns it: deleting it gives the space back. */
    public Path fill() throws IOException {
        Path filler = mount.resolve("filler");
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
        return filler;
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
