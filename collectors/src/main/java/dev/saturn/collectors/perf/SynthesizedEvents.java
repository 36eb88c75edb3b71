package dev.saturn.collectors.perf;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * What perf record writes at its start for what already runs, written instead when a stream recorded from this JVM
 * ({@link SystemSampler}) is read: the kernel's text from /proc/kallsyms, and for each process asked for the names
 * of its threads and its executable mappings, from /proc as they are now. A process gone since has none: its frames
 * stay unnamed unless the kernel's own events, kept while it ran, name them.
 */
public final class SynthesizedEvents {
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int PROT_EXEC = 4;
    private static final int MAP_SHARED = 1;
    private static final int MAP_PRIVATE = 2;

    private final Path proc;
    private byte[] kernel;

    public SynthesizedEvents(Path proc) {
        this.proc = proc;
    }

    /** The kernel's map, then the names and mappings of {@code pids} that still run. */
    public synchronized byte[] of(Collection<Integer> pids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(kernel());
        for (int pid : pids) {
            if (pid > 0) {
                process(pid, out);
            }
        }
        return out.toByteArray();
    }

    /** [kernel.kallsyms]_text from _text to _etext; nothing where the addresses are hidden (kptr_restrict). */
    private byte[] kernel() {
        if (kernel != null) {
            return kernel;
        }
        long text = 0;
        long etext = 0;
        try (BufferedReader r = Files.newBufferedReader(proc.resolve("kallsyms"), StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null && (text == 0 || etext == 0)) {
                if (line.endsWith(" _text")) {
                    text = Long.parseUnsignedLong(line.substring(0, line.indexOf(' ')), 16);
                } else if (line.endsWith(" _etext")) {
                    etext = Long.parseUnsignedLong(line.substring(0, line.indexOf(' ')), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            text = 0;
        }
        kernel = text == 0 ? new byte[0] : PipeRecords.kernelMmap(text, Long.compareUnsigned(etext, text) > 0 ? etext : -1L);
        return kernel;
    }

    private void process(int pid, ByteArrayOutputStream out) {
        Path dir = proc.resolve(Integer.toString(pid));
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                out.writeBytes(PipeRecords.comm(pid, tid, Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip()));
            }
            for (String line : Files.readAllLines(dir.resolve("maps"), StandardCharsets.UTF_8)) {
                byte[] mapping = mapping(pid, line);
                if (mapping != null) {
                    out.writeBytes(mapping);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone while read, or a kernel thread: what was written stands
        }
    }

    /** One line of /proc/PID/maps as MMAP2, for an executable mapping only (as perf record without --data). */
    static byte[] mapping(int pid, String line) {
        // 7f5e2c000000-7f5e2c021000 r-xp 00000000 08:01 1234   /usr/lib/libc.so.6
        String[] f = line.split("\\s+", 6);
        if (f.length < 5 || f[1].length() < 4 || f[1].charAt(2) != 'x') {
            return null;
        }
        int dash = f[0].indexOf('-');
        long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
        long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
        int prot = (f[1].charAt(0) == 'r' ? PROT_READ : 0) | (f[1].charAt(1) == 'w' ? PROT_WRITE : 0) | PROT_EXEC;
        int flags = f[1].charAt(3) == 's' ? MAP_SHARED : MAP_PRIVATE;
        int colon = f[3].indexOf(':');
        int major = Integer.parseInt(f[3].substring(0, colon), 16);
        int minor = Integer.parseInt(f[3].substring(colon + 1), 16);
        String file = f.length > 5 ? f[5].strip() : "";
        return PipeRecords.mmap2(pid, start, end, Long.parseUnsignedLong(f[2], 16), major, minor, Long.parseLong(f[4]), prot, flags,
                file.isEmpty() ? "//anon" : file);
    }
}
