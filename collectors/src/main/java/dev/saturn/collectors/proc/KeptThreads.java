package dev.saturn.collectors.proc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The schedstat files of a busy process's threads, kept open between samples and read again from offset 0: a JVM
 * busy every sample has 20 to 50 threads, and listing its task directory and opening, reading and closing each
 * thread's file every sample cost more than the rest of the walk. The threads are listed again when the process's
 * thread count changed or a kept file fails to read (its thread exited): with neither, the threads are the same.
 */
final class KeptThreads implements AutoCloseable {
    private FileChannel[] channels = new FileChannel[0];
    private int threads = -1;

    /** How many files it keeps open. */
    int size() {
        return channels.length;
    }

    /** The threads' run-queue waits summed (ns), or -1 where the threads may have changed: list them again. */
    long sum(int threadsNow, ByteBuffer buffer) {
        if (threadsNow != threads || channels.length == 0) {
            return -1;
        }
        long sum = 0;
        for (FileChannel channel : channels) {
            buffer.clear();
            try {
                if (channel.read(buffer, 0) <= 0) {
                    return -1;
                }
            } catch (IOException e) {
                return -1; // the thread exited
            }
            buffer.flip();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            sum += ProcessDetailReader.schedstatDelay(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return sum;
    }

    /** Keeps these files, listed for a process of {@code threadsNow} threads, closing those it kept. */
    void keep(FileChannel[] listed, int threadsNow) {
        close();
        channels = listed;
        threads = threadsNow;
    }

    @Override
    public void close() {
        for (FileChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to read through it
            }
        }
        channels = new FileChannel[0];
        threads = -1;
    }
}
