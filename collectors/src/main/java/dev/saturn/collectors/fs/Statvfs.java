package dev.saturn.collectors.fs;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * statvfs(3) once per file system: blocks, free, available and inodes from one call, so the figures are of one
 * instant (Java's FileStore makes a call per figure and has no inodes). Through JNA where libc loads; else
 * FileStore, without inodes.
 */
final class Statvfs {
    /** struct statvfs of glibc on 64-bit Linux (x86_64, aarch64): eleven 8-byte fields, then six ints of padding. */
    private static final int SIZE = 112;
    private static final int F_FRSIZE = 8;
    private static final int F_BLOCKS = 16;
    private static final int F_BFREE = 24;
    private static final int F_BAVAIL = 32;
    private static final int F_FILES = 40;
    private static final int F_FFREE = 48;
    private static final int ENOENT = 2;

    interface LibC extends Library {
        int statvfs(String path, Memory buffer);
    }

    private static final LibC LIBC = load();

    private Statvfs() {
    }

    private static LibC load() {
        if (!System.getProperty("os.arch").equals("amd64") && !System.getProperty("os.arch").equals("aarch64")) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }

    static Capacity of(Path mountPoint) throws IOException {
        if (LIBC == null) {
            FileStore store = Files.getFileStore(mountPoint);
            return new Capacity(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
        }
        Memory buffer = new Memory(SIZE);
        if (LIBC.statvfs(mountPoint.toString(), buffer) != 0) {
            int errno = Native.getLastError();
            if (errno == ENOENT) {
                throw new NoSuchFileException(mountPoint.toString());
            }
            throw new IOException("errno " + errno);
        }
        long unit = buffer.getLong(F_FRSIZE);
        return new Capacity(buffer.getLong(F_BLOCKS) * unit, buffer.getLong(F_BFREE) * unit, buffer.getLong(F_BAVAIL) * unit,
                buffer.getLong(F_FILES), buffer.getLong(F_FFREE));
    }
}
