package dev.saturn.collectors.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Records of perf's pipe format ("PERFILE2" with a 16-byte header, then events: an 8-byte header of type, misc and
 * size, then the body), as perf record writes them, for the sample layout of {@link SystemSampler}: the header,
 * the event's description (HEADER_ATTR), and the process events perf record synthesizes at its start for what was
 * already running (COMM, MMAP2, and the kernel's MMAP). A synthesized event ends with a zeroed sample id (time 0):
 * perf script applies it as it reads it, before the events the kernel wrote, which it sorts by their time.
 */
final class PipeRecords {
    static final int MMAP = 1;
    static final int COMM = 3;
    static final int MMAP2 = 10;
    static final int HEADER_ATTR = 64;
    static final short MISC_KERNEL = 1;
    static final short MISC_USER = 2;
    /** The sample id after each non-sample event for TID, TIME, ID and CPU: 4 u64. */
    static final int SAMPLE_ID_BYTES = 32;

    private PipeRecords() {
    }

    static byte[] pipeHeader() {
        ByteBuffer b = buffer(16);
        b.put("PERFILE2".getBytes(StandardCharsets.ISO_8859_1)).putLong(16);
        return b.array();
    }

    /** The event's description and the ids of its records (one per CPU). */
    static byte[] attr(byte[] attr, long[] ids) {
        ByteBuffer b = event(HEADER_ATTR, (short) 0, 8 + attr.length + 8 * ids.length);
        b.put(attr);
        for (long id : ids) {
            b.putLong(id);
        }
        return b.array();
    }

    static byte[] comm(int pid, int tid, String comm) {
        byte[] name = cString(comm);
        ByteBuffer b = event(COMM, (short) 0, 8 + 8 + name.length + SAMPLE_ID_BYTES);
        b.putInt(pid).putInt(tid).put(name);
        return b.array();
    }

    /** A mapping of a process, as /proc/PID/maps shows it. */
    static byte[] mmap2(int pid, long start, long end, long offset, int major, int minor, long inode, int prot, int flags,
            String file) {
        byte[] name = cString(file);
        ByteBuffer b = event(MMAP2, MISC_USER, 8 + 8 + 24 + 8 + 16 + 8 + name.length + SAMPLE_ID_BYTES);
        b.putInt(pid).putInt(pid).putLong(start).putLong(end - start).putLong(offset);
        b.putInt(major).putInt(minor).putLong(inode).putLong(0).putInt(prot).putInt(flags).put(name);
        return b.array();
    }

    /** The kernel's text, [kernel.kallsyms]_text, which perf script names from /proc/kallsyms. */
    static byte[] kernelMmap(long start, long end) {
        byte[] name = cString("[kernel.kallsyms]_text");
        ByteBuffer b = event(MMAP, MISC_KERNEL, 8 + 8 + 24 + name.length + SAMPLE_ID_BYTES);
        b.putInt(-1).putInt(0).putLong(start).putLong(end - start).putLong(start).put(name);
        return b.array();
    }

    private static ByteBuffer event(int type, short misc, int size) {
        ByteBuffer b = buffer(size);
        b.putInt(type).putShort(misc).putShort((short) size);
        return b;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /** NUL-terminated, padded with NULs to a multiple of 8; {@code s} holds bytes as read in ISO-8859-1. */
    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        byte[] padded = new byte[(bytes.length + 1 + 7) & ~7];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return padded;
    }
}
