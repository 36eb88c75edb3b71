package dev.saturn.collectors.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsyncProfilerLibraryTest {
    @TempDir
    Path dir;

    @Test
    void extractsTheLibraryReadableByEveryone() throws Exception {
        Path lib = AsyncProfilerLibrary.extractTo(dir.resolve("a"));
        byte[] bytes = Files.readAllBytes(lib);
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(bytes, 4));
        assertTrue(bytes.length > 100_000, "the real library, not a stub: " + bytes.length);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(lib)));
        assertEquals("4.1", AsyncProfilerLibrary.version());
        assertTrue(AsyncProfilerLibrary.defaultDirectory().toString().endsWith("saturn/async-profiler-4.1"));
    }

    @Test
    void reusesAnIntactCopyAndReplacesADamagedOne() throws Exception {
        Path lib = AsyncProfilerLibrary.extractTo(dir);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, old);
        AsyncProfilerLibrary.extractTo(dir);
        assertEquals(old, Files.getLastModifiedTime(lib), "an intact copy is left alone");

        byte[] damaged = Files.readAllBytes(lib);
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(lib, damaged);
        Files.setLastModifiedTime(lib, old);
        AsyncProfilerLibrary.extractTo(dir);
        assertNotEquals(old, Files.getLastModifiedTime(lib), "same size, other bytes: rewritten");
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".part")), "no partial file left");
    }
}
