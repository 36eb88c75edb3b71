package dev.saturn.collectors.perf;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * perf_event_open(2), read(2) and close(2) through JNA: the attr layout and the syscall number in one
 * place. Every method returns the kernel's answer; a negative fd comes with {@link #lastErrno()}.
 */
final class PerfEventOpen {
    static final int TYPE_HARDWARE = 0;
    static final int TYPE_SOFTWARE = 1;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int EOPNOTSUPP = 95;

    static final int ATTR_SIZE = 128;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final long FLAG_FD_CLOEXEC = 8;
    /** _IOR('$', 7, u64): the id the kernel writes in this event's records. */
    static final long IOC_ID = 0x80082407L;
    private static final long FORMAT_TOTAL_TIME_ENABLED = 1;
    private static final long FORMAT_TOTAL_TIME_RUNNING = 2;
    private static final long FLAG_INHERIT = 1L << 1;
    private static final long FLAG_EXCLUDE_KERNEL = 1L << 5;
    private static final long FLAG_EXCLUDE_HV = 1L << 6;

    interface LibC extends Library {
        long syscall(long number, Object... args);

        int read(int fd, Memory buffer, long count);

        int close(int fd);

        Pointer mmap(Pointer address, long length, int prot, int flags, int fd, long offset);

        int munmap(Pointer address, long length);

        int ioctl(int fd, long request, Pointer argument);

        int poll(Pointer fds, long count, int timeoutMillis);

        int getpagesize();
    }

    private final LibC libc;
    private final long syscallNumber;

    private PerfEventOpen(LibC libc, long syscallNumber) {
        this.libc = libc;
        this.syscallNumber = syscallNumber;
    }

    /** Loads libc; throws UnsupportedOperationException with the reason where that cannot work. */
    static PerfEventOpen load() {
        long number = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 298;
            case "aarch64" -> 241;
            default -> -1;
        };
        if (number < 0) {
            throw new UnsupportedOperationException("perf_event_open not wired for " + System.getProperty("os.arch"));
        }
        try {
            return new PerfEventOpen(Native.load("c", LibC.class), number);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new UnsupportedOperationException("cannot call perf_event_open: " + e.getMessage());
        }
    }

    /** A plain counting event, enabled at once, read as a single u64. */
    int open(int type, long config, int pid, int cpu) {
        return open(type, config, pid, cpu, 0, 0);
    }

    /**
     * A counting event read as (value, time enabled, time running), so that a multiplexed counter
     * can be scaled as perf stat scales it. With {@code inherit}, threads the task starts later are
     * counted in this counter too.
     */
    int openTimed(int type, long config, int pid, boolean inherit, boolean userOnly) {
        long flags = (inherit ? FLAG_INHERIT : 0) | (userOnly ? FLAG_EXCLUDE_KERNEL | FLAG_EXCLUDE_HV : 0);
        return open(type, config, pid, -1, FORMAT_TOTAL_TIME_ENABLED | FORMAT_TOTAL_TIME_RUNNING, flags);
    }

    private int open(int type, long config, int pid, int cpu, long readFormat, long flags) {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        attr.setInt(0, type);
        attr.setInt(4, ATTR_SIZE);
        attr.setLong(8, config);
        attr.setLong(32, readFormat);
        attr.setLong(40, flags);
        return (int) libc.syscall(syscallNumber, attr, pid, cpu, -1, 0L);
    }

    /** An event of any attr ({@link #ATTR_SIZE} bytes, built by the caller), on one CPU of every process (pid -1). */
    int openOnCpu(Memory attr, int cpu) {
        return (int) libc.syscall(syscallNumber, attr, -1, cpu, -1, FLAG_FD_CLOEXEC);
    }

    /** The event's buffer mapped shared, read-write (so that the reader can say how far it read); null on failure. */
    Pointer mmap(int fd, long length) {
        Pointer p = libc.mmap(null, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        return p == null || Pointer.nativeValue(p) == -1L ? null : p;
    }

    void munmap(Pointer address, long length) {
        libc.munmap(address, length);
    }

    /** The id of the event's records, or -1. */
    long id(int fd) {
        Memory id = new Memory(8);
        return libc.ioctl(fd, IOC_ID, id) == 0 ? id.getLong(0) : -1;
    }

    /** poll(2) of {@code count} pollfd structures; the number ready, 0 on timeout, -1 on error. */
    int poll(Memory fds, int count, int timeoutMillis) {
        return libc.poll(fds, count, timeoutMillis);
    }

    int pageSize() {
        return libc.getpagesize();
    }

    static int lastErrno() {
        return Native.getLastError();
    }

    /** Reads {@code words} u64 values; null when the read is short (the fd is bad). */
    long[] read(int fd, int words) {
        Memory buffer = new Memory(8L * words);
        if (libc.read(fd, buffer, 8L * words) != 8L * words) {
            return null;
        }
        long[] values = new long[words];
        for (int i = 0; i < words; i++) {
            values[i] = buffer.getLong(8L * i);
        }
        return values;
    }

    void close(int fd) {
        libc.close(fd);
    }
}
