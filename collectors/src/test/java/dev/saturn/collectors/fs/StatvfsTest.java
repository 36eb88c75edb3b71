package dev.saturn.collectors.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.saturn.testkit.Needs;
import dev.saturn.testkit.SmallDisk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One statvfs call gives what `stat -f` says of a small tmpfs with a known size and inode count, inodes included. */
class StatvfsTest {
    @TempDir
    Path dir;

    @Test
    void spaceAndInodesAreWhatStatFSays() throws Exception {
        Path stat = Needs.tool("stat");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "16m,nr_inodes=1000", "StatvfsTest")) {
            for (int i = 0; i < 10; i++) {
                Files.write(disk.mount.resolve("f" + i), new byte[1 << 20]);
            }
            Capacity c = Statvfs.of(disk.mount);
            Process p = new ProcessBuilder(stat.toString(), "-f", "-c", "%S %b %f %a %c %d", disk.mount.toString()).start();
            String[] f = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
            p.waitFor(10, TimeUnit.SECONDS);
            long unit = Long.parseLong(f[0]);
            assertEquals(16L << 20, c.totalBytes(), "size=16m");
            assertEquals(Long.parseLong(f[1]) * unit, c.totalBytes());
            assertEquals(Long.parseLong(f[2]) * unit, c.freeBytes());
            assertEquals(Long.parseLong(f[3]) * unit, c.availableBytes());
            assertEquals(6L << 20, c.freeBytes(), "16 MiB less the 10 MiB written");
            assertEquals(1000L, c.files(), "nr_inodes=1000");
            assertEquals(Long.parseLong(f[5]), c.filesFree());
            assertEquals(1000L - 11, c.filesFree(), "ten files and the root directory");
        }
    }

    @Test
    void aMissingDirectoryIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> Statvfs.of(dir.resolve("missing")));
    }
}
