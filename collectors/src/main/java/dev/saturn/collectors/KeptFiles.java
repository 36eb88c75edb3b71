package dev.saturn.collectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One sampler's table of the live host's system-wide /proc files (/proc/stat, /proc/meminfo,
 * /proc/net/netstat, /proc/sys/...) and /sys attributes (a link's operstate, a cgroup's cpu.stat), opened
 * once and read again from offset 0 into one reused buffer: the kernel regenerates a seq file and a sysfs
 * or cgroupfs attribute on every read from 0, and an open, a few reads and a close per file per sample cost
 * more CPU than the parsing. Per-process files (/proc/PID, /proc/self, /proc/thread-self) are not kept:
 * their process goes away. A kept attribute of a device or cgroup that goes away fails its next read
 * (ENODEV): any failure closes the file and leaves the caller to open it anew, so a device that comes back
 * under the same name is read through its new file. Closing the table closes its files; a closed table
 * keeps nothing, and its reads fall back to the ordinary way.
 */
final class KeptFiles implements AutoCloseable {
    private static final int MAX_KEPT = 128;

    private final Map<Path, FileChannel> open = new HashMap<>();
    /** Files that failed once kept open (no positional reads, say): read the ordinary way from then on. */
    private final Set<Path> notKept = new HashSet<>();
    private ByteBuffer buffer;
    private boolean closed;

    static boolean keeps(Path path) {
        if (!path.isAbsolute() || path.getNameCount() < 2) {
            return false;
        }
        String first = path.getName(0).toString();
        if (first.equals("sys")) {
            return true;
        }
        if (!first.equals("proc")) {
            return false;
        }
        String second = path.getName(1).toString();
        return !second.isEmpty() && !Character.isDigit(second.charAt(0)) && !second.equals("self") && !second.equals("thread-self");
    }

    /** The file's bytes, or null when it could not be kept open (the caller reads it the ordinary way). */
    synchronized byte[] read(Path path) {
        if (closed) {
            return null;
        }
        FileChannel channel = open.get(path);
        try {
            if (channel == null) {
                if (open.size() >= MAX_KEPT || notKept.contains(path)) {
                    return null;
                }
                channel = FileChannel.open(path, StandardOpenOption.READ);
                open.put(path, channel);
            }
            if (buffer == null) {
                buffer = ByteBuffer.allocateDirect(64 * 1024);
            }
            buffer.clear();
            long position = 0;
            int n;
            while ((n = channel.read(buffer, position)) > 0) {
                position += n;
                if (!buffer.hasRemaining()) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
                    buffer.flip();
                    bigger.put(buffer);
                    buffer = bigger;
                }
            }
            byte[] out = new byte[buffer.position()];
            buffer.flip();
            buffer.get(out);
            return out;
        } catch (IOException | RuntimeException e) {
            if (notKept.size() < MAX_KEPT) {
                notKept.add(path);
            }
            if (channel != null) {
                open.remove(path);
                closeQuietly(channel);
            }
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        open.values().forEach(KeptFiles::closeQuietly);
        open.clear();
        buffer = null;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to read through it; a read the ordinary way says what is wrong with the file
        }
    }
}
