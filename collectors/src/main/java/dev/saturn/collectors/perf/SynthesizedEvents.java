package dev.saturn.collectors.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What perf record writes at its start for what already runs, for a stream recorded from this JVM
 * ({@link SystemSampler}): the kernel's text from /proc/kallsyms, and for a process the names of its threads and its
 * executable mappings, from /proc as they are when asked (perf reads them all at its start; the ring asks for a process
 * that ran before it started when it first samples it). A process gone by then has none: its frames stay unnamed.
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

    /** The processes running now: those whose events a recording that starts now will not see. */
    public BitSet running() {
        BitSet pids = new BitSet();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.set(Integer.parseInt(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            // what could be listed stands
        }
        return pids;
    }

    /** The names of a process's threads and its executable mappings, as they are now; none when it is gone. */
    public List<byte[]> process(int pid) {
        List<byte[]> out = new ArrayList<>();
        Path dir = proc.resolve(Integer.toString(pid));
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                out.add(PipeRecords.comm(pid, tid, Files.readString(task.resolve("comm"), StandardCharsets.ISO_8859_1).strip()));
            }
            for (String line : Files.readAllLines(dir.resolve("maps"), StandardCharsets.ISO_8859_1)) {
                byte[] mapping = mapping(pid, line);
                if (mapping != null) {
                    out.add(mapping);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone while read, or a kernel thread: what was read stands
        }
        return out;
    }

    /** [kernel.kallsyms]_text from _text to _etext; nothing where the addresses are hidden (kptr_restrict). */
    public synchronized byte[] kernel() {
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
