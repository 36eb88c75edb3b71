package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads one process's slower files ({@link ProcessDetail}): schedstat (of each thread where it has several), io,
 * status, limits, the fd directory and cgroup. A process gone while they are read gives null (it is skipped); a
 * file it may not read gives that reading's reason.
 */
public final class ProcessDetailReader {
    private ProcessDetailReader() {
    }

    /** Thrown inside when the process went away: the whole process is skipped. */
    private static final class Gone extends Exception {
        Gone() {
            super(null, null, false, false);
        }
    }

    public static ProcessDetail read(HostPaths paths, int pid, int threads) {
        return read(paths, pid, threads, null, true, true);
    }

    /**
     * The same, keeping parts of {@code previous} (null: read all): without {@code threadsToo}, the run-queue wait
     * of a process with several threads (one file per thread); without {@code fdsToo}, its fds (a link per fd).
     */
    public static ProcessDetail read(HostPaths paths, int pid, int threads, ProcessDetail previous, boolean threadsToo, boolean fdsToo) {
        Read read = readCounting(paths, pid, threads, previous, threadsToo, fdsToo);
        return read == null ? null : read.detail();
    }

    /**
     * A process's detail and its context switches by its status (-1: not known), which tell whether it ran since;
     * {@code whole}: every file was read.
     */
    record Read(ProcessDetail detail, long switches, boolean whole) {
    }

    /** {@link #read(HostPaths, int, int, ProcessDetail, boolean, boolean)} with the process's context switches. */
    static Read readCounting(HostPaths paths, int pid, int threads, ProcessDetail previous, boolean threadsToo, boolean fdsToo) {
        return readCounting(paths, pid, threads, previous, threadsToo, fdsToo, null);
    }

    /** The same, reading the threads' schedstat through {@code kept} (null: each file anew). */
    static Read readCounting(HostPaths paths, int pid, int threads, ProcessDetail previous, boolean threadsToo, boolean fdsToo,
                             KeptThreads kept) {
        try {
            boolean all = previous == null;
            Reading<Long> delay = all || threadsToo || threads <= 1 ? runDelay(paths, pid, threads, kept) : previous.runDelayNanos();
            Reading<FdUsage> fds = all || fdsToo ? fds(paths, pid) : previous.fds();
            String cgroup = all ? cgroup(paths, pid) : previous.cgroup();
            Reading<ProcessIo> io = io(paths, pid);
            Reading<String> status = text(paths, ProcessFile.STATUS.in(paths, pid));
            return new Read(new ProcessDetail(delay, io, swap(status, ProcessFile.STATUS.in(paths, pid)), fds, cgroup), switches(status), all);
        } catch (Gone e) {
            return null;
        }
    }

    /**
     * The slower files again of a process of one thread that its stat shows idle: its status first, whose context
     * switches tell whether it ran at all since the last reading's {@code switches} (CPU time counts in ticks, so a
     * process that runs for less than a tick now and then looks idle by its stat). If it did not, its io, run-queue
     * wait and fds stand, and only what other processes may change is read again: its swap (the kernel swaps an
     * idle process's pages out) and, with {@code limitsToo}, its open-file limit (prlimit) and its cgroup; if it
     * did, or is not known to have not, everything.
     */
    static Read refreshIdle(HostPaths paths, int pid, ProcessDetail previous, long switches, boolean limitsToo) {
        try {
            Path file = ProcessFile.STATUS.in(paths, pid);
            Reading<String> status = text(paths, file);
            long now = switches(status);
            if (switches < 0 || now != switches) {
                return readCounting(paths, pid, 1, null, true, true);
            }
            Reading<FdUsage> fds = previous.fds();
            if (limitsToo && fds.isAvailable()) {
                Reading<Long> limit = openFilesLimit(paths, pid);
                if (!limit.isAvailable()) {
                    fds = Reading.unavailable(limit.reason());
                } else {
                    Long soft = limit.value() < 0 ? null : limit.value();
                    FdUsage f = fds.value();
                    if (!java.util.Objects.equals(soft, f.softLimit())) {
                        fds = Reading.of(new FdUsage(f.open(), soft, f.socketInodes()));
                    }
                }
            }
            String cgroup = limitsToo ? cgroup(paths, pid) : previous.cgroup();
            Reading<Long> swap = swap(status, file);
            if (swap.isAvailable() && previous.swapBytes().isAvailable() && swap.value().equals(previous.swapBytes().value())) {
                swap = previous.swapBytes();
            }
            ProcessDetail detail = fds == previous.fds() && swap == previous.swapBytes() && java.util.Objects.equals(cgroup, previous.cgroup())
                    ? previous : new ProcessDetail(previous.runDelayNanos(), previous.io(), swap, fds, cgroup);
            return new Read(detail, now, false);
        } catch (Gone e) {
            return null;
        }
    }

    private static Reading<Long> runDelay(HostPaths paths, int pid, int threads, KeptThreads kept) throws Gone {
        if (threads <= 1) {
            return parsed(paths, ProcessFile.SCHEDSTAT.in(paths, pid), ProcessDetailReader::schedstatDelay);
        }
        if (kept != null && paths.live()) {
            try {
                long sum = kept.sum(threads, SCRATCH.get()[0]);
                if (sum >= 0) {
                    return Reading.of(sum);
                }
            } catch (RuntimeException e) {
                // garbled: read them anew below, which says so
            }
        }
        Path taskDir = ProcessFile.SCHEDSTAT.in(paths, pid).resolveSibling("task");
        long sum = 0;
        java.util.List<FileChannel> opened = kept != null && paths.live() ? new java.util.ArrayList<>(threads) : null;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir)) {
            for (Path task : tasks) {
                try {
                    Path file = task.resolve("schedstat");
                    if (opened != null) {
                        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                        opened.add(channel);
                        sum += schedstatDelay(readOnce(channel));
                    } else {
                        sum += schedstatDelay(paths.live() ? readOnce(file) : new String(paths.files().readBytes(file), StandardCharsets.ISO_8859_1));
                    }
                } catch (NoSuchFileException e) {
                    // a thread that exited while we listed: its time left with it
                } catch (IOException | RuntimeException e) {
                    closeAll(opened);
                    return Reading.unavailable("cannot read " + task.resolve("schedstat") + ": " + e.getMessage());
                }
            }
            if (opened != null) {
                kept.keep(opened.toArray(new FileChannel[0]), threads);
            }
        } catch (NoSuchFileException e) {
            closeAll(opened);
            if (!paths.live()) {
                return parsed(paths, ProcessFile.SCHEDSTAT.in(paths, pid), ProcessDetailReader::schedstatDelay);
            }
            throw new Gone();
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            closeAll(opened);
            return Reading.unavailable("cannot list " + taskDir + ": " + e.getMessage());
        }
        return Reading.of(sum);
    }

    private static void closeAll(java.util.List<FileChannel> channels) {
        if (channels != null) {
            new KeptThreads().keep(channels.toArray(new FileChannel[0]), 0);
        }
    }

    /** "runtime_ns run_delay_ns timeslices". */
    static long schedstatDelay(String text) {
        String[] f = dev.saturn.collectors.Tokens.split(text);
        return Long.parseLong(f[1]);
    }

    private static Reading<ProcessIo> io(HostPaths paths, int pid) throws Gone {
        return parsed(paths, ProcessFile.IO.in(paths, pid), ProcessDetailReader::parseIo);
    }

    static ProcessIo parseIo(String text) {
        long read = -1;
        long write = -1;
        for (String line : dev.saturn.collectors.Tokens.lines(text)) {
            if (line.startsWith("read_bytes:")) {
                read = Long.parseLong(line.substring(11).trim());
            } else if (line.startsWith("write_bytes:")) {
                write = Long.parseLong(line.substring(12).trim());
            }
        }
        if (read < 0 || write < 0) {
            throw new IllegalArgumentException("no read_bytes or write_bytes");
        }
        return new ProcessIo(read, write);
    }

    private static Reading<Long> swap(Reading<String> status, Path file) {
        return status.isAvailable() ? dev.saturn.collectors.KernelFiles.parseText(file, status.value(), ProcessDetailReader::parseSwap)
                : Reading.unavailable(status.reason());
    }

    /** VmSwap in bytes; a kernel thread has no memory of its own and no VmSwap line: none swapped. */
    static long parseSwap(String status) {
        long kb = statusKb(status, "VmSwap:");
        return kb < 0 ? 0 : kb * 1024;
    }

    /** Voluntary and involuntary context switches of the process's main thread, from its status; -1 where not there. */
    static long switches(Reading<String> status) {
        if (!status.isAvailable()) {
            return -1;
        }
        long voluntary = statusKb(status.value(), "voluntary_ctxt_switches:");
        long involuntary = statusKb(status.value(), "nonvoluntary_ctxt_switches:");
        return voluntary < 0 || involuntary < 0 ? -1 : voluntary + involuntary;
    }

    /** The number after "Key:" at the start of a line of /proc/PID/status ("VmSwap:  12 kB": 12), or -1 where there is none. */
    static long statusKb(String status, String key) {
        int at = status.startsWith(key) ? 0 : -1;
        for (int from = 0; at < 0; ) {
            int i = status.indexOf(key, from);
            if (i < 0) {
                return -1;
            }
            if (status.charAt(i - 1) == '\n') {
                at = i;
            }
            from = i + 1;
        }
        int i = at + key.length();
        while (i < status.length() && (status.charAt(i) == ' ' || status.charAt(i) == '\t')) {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < status.length() && status.charAt(i) >= '0' && status.charAt(i) <= '9'; i++, digits++) {
            v = v * 10 + status.charAt(i) - '0';
        }
        if (digits == 0) {
            throw new IllegalArgumentException("no number after " + key);
        }
        return v;
    }

    private static Reading<Long> openFilesLimit(HostPaths paths, int pid) throws Gone {
        return parsed(paths, ProcessFile.LIMITS.in(paths, pid), ProcessDetailReader::parseOpenFilesLimit);
    }

    private static Reading<FdUsage> fds(HostPaths paths, int pid) throws Gone {
        Reading<Long> limit = openFilesLimit(paths, pid);
        if (!limit.isAvailable()) {
            return Reading.unavailable(limit.reason());
        }
        Path dir = ProcessFile.FD.in(paths, pid);
        int open = 0;
        long[] sockets = new long[8];
        int n = 0;
        try (DirectoryStream<Path> links = Files.newDirectoryStream(dir)) {
            for (Path link : links) {
                open++;
                long inode = socketInode(link);
                if (inode >= 0) {
                    if (n == sockets.length) {
                        sockets = Arrays.copyOf(sockets, n * 2);
                    }
                    sockets[n++] = inode;
                }
            }
        } catch (NoSuchFileException e) {
            throw new Gone();
        } catch (AccessDeniedException e) {
            return Reading.unavailable(dir + " is not readable (permission denied)");
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return Reading.unavailable("cannot list " + dir + ": " + e.getMessage());
        }
        long value = limit.value();
        return Reading.of(new FdUsage(open, value < 0 ? null : value, Arrays.copyOf(sockets, n)));
    }

    /** The inode of a link to "socket:[INODE]", or -1 for anything else (or a descriptor closed meanwhile). */
    private static long socketInode(Path link) {
        try {
            String target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target.substring(8, target.length() - 1));
            }
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            // not a link (a tree written without links), or closed between the listing and now: not a socket
        }
        return -1;
    }

    /** The soft limit of "Max open files  1024  524288  files"; -1 for unlimited. */
    static long parseOpenFilesLimit(String limits) {
        for (String line : dev.saturn.collectors.Tokens.lines(limits)) {
            if (line.startsWith("Max open files")) {
                String[] f = dev.saturn.collectors.Tokens.split(line.substring(14));
                return f[0].equals("unlimited") ? -1 : Long.parseLong(f[0]);
            }
        }
        throw new IllegalArgumentException("no \"Max open files\" line");
    }

    private static String cgroup(HostPaths paths, int pid) throws Gone {
        Reading<String> text = text(paths, ProcessFile.CGROUP.in(paths, pid));
        return text.isAvailable() ? parseCgroup(text.value()) : null;
    }

    /**
     * The unified hierarchy's path ("0::/system.slice/x.service"); on a host that mounts v1 controllers beside an
     * empty unified tree ("0::/"), the memory controller's path, else the first other one that is not the root.
     */
    static String parseCgroup(String text) {
        String unified = null;
        String memory = null;
        String other = null;
        for (String line : dev.saturn.collectors.Tokens.lines(text)) {
            int a = line.indexOf(':');
            int b = a < 0 ? -1 : line.indexOf(':', a + 1);
            if (b < 0) {
                continue;
            }
            String controllers = line.substring(a + 1, b);
            String path = line.substring(b + 1);
            if (controllers.isEmpty()) {
                unified = path;
            } else if (!path.equals("/")) {
                if (memory == null && java.util.Arrays.asList(controllers.split(",")).contains("memory")) {
                    memory = path;
                } else if (other == null) {
                    other = path;
                }
            }
        }
        if (unified != null && !unified.equals("/")) {
            return unified;
        }
        return memory != null ? memory : other != null ? other : unified;
    }

    private static <T> Reading<T> parsed(HostPaths paths, Path file, java.util.function.Function<String, T> parser) throws Gone {
        Reading<String> text = text(paths, file);
        return text.isAvailable() ? dev.saturn.collectors.KernelFiles.parseText(file, text.value(), parser) : Reading.unavailable(text.reason());
    }

    /** A scratch buffer per thread for {@link #readOnce}. */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[] {ByteBuffer.allocateDirect(4096)});

    /**
     * A live /proc file's text in one read where it fits: open, read, close. A seq file gives a read all it has where
     * there is room for it, so the read to its end that a stream makes is a syscall for nothing, and a syscall here
     * costs about as much as the kernel's work for the file.
     */
    private static String readOnce(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readOnce(channel);
        }
    }

    /** The same, from a file open at offset 0. */
    private static String readOnce(FileChannel channel) throws IOException {
        ByteBuffer[] scratch = SCRATCH.get();
        ByteBuffer buffer = scratch[0];
        buffer.clear();
        while (channel.read(buffer) > 0 && !buffer.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
            scratch[0] = buffer;
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip();
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The file's text; a missing file on the live host means the process went away. */
    private static Reading<String> text(HostPaths paths, Path file) throws Gone {
        try {
            String text = paths.live() ? readOnce(file) : new String(paths.files().readBytes(file), StandardCharsets.ISO_8859_1);
            return text.isEmpty() ? Reading.unavailable(file + " is empty") : Reading.of(text);
        } catch (NoSuchFileException e) {
            if (paths.live()) {
                throw new Gone();
            }
            return Reading.unavailable("the snapshot tree holds no proc/PID/" + file.getFileName() + " (written before saturn read it, or by another tool)");
        } catch (AccessDeniedException e) {
            return Reading.unavailable(file + " is not readable (permission denied)");
        } catch (IOException e) {
            if (paths.live() && "No such process".equals(e.getMessage())) {
                throw new Gone();
            }
            return Reading.unavailable("cannot read " + file + ": " + e.getMessage());
        }
    }
}
