package dev.saturn.agent.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@code agent.lock} in the data directory, held for the writer's life: one agent per directory. */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE = "agent.lock";
    private final Path dataDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirLock acquire(Path dataDir) throws HistoryException {
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new HistoryException("another saturn agent writes history in " + dataDir
                        + " (it holds " + dataDir.resolve(FILE) + "): stop it, or give this one another --data-dir");
            }
            return new DataDirLock(dataDir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            boolean full = noSpace(e);
            throw new HistoryException("cannot use data directory " + dataDir + ": " + describe(e)
                    + (full ? "" : " (give a writable --data-dir)"), e, full);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    static boolean noSpace(IOException e) {
        return String.valueOf(e.getMessage()).contains("No space left on device")
                || e instanceof FileSystemException fse && String.valueOf(fse.getReason()).contains("No space left on device");
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return e.getMessage() + " exists and is not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage();
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getFile() + ": " + fse.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "cannot create " + e.getMessage();
        }
        return e.toString();
    }

    /** Null when another process, or another writer in this one, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
