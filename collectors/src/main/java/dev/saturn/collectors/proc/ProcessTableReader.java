package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.KernelFiles;
import dev.saturn.collectors.Reading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/[pid]/stat of every process. Processes that exit while we read are skipped. */
public final class ProcessTableReader {
    private ProcessTableReader() {
    }

    public static Reading<List<ProcessSample>> read(HostPaths paths) {
        List<ProcessSample> out = new ArrayList<>(512);
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(paths.proc())) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                ProcessSample sample = readOne(paths.files(), entry.resolve("stat"));
                if (sample != null) {
                    out.add(sample);
                }
            }
        } catch (IOException e) {
            return Reading.unavailable("cannot list " + paths.proc() + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            return Reading.unavailable("no per-process stat files under " + paths.proc()
                    + (paths.live() ? "" : " (snapshot taken without them)"));
        }
        return Reading.of(out);
    }

    static ProcessSample readOne(KernelFiles files, Path statFile) {
        try {
            return parse(new String(files.readBytes(statFile), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split at the last ')'. */
    static ProcessSample parse(String text) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("no (comm)");
        }
        int pid = Integer.parseInt(text.substring(0, open).trim());
        String comm = text.substring(open + 1, close);
        String[] f = dev.saturn.collectors.Tokens.split(text.substring(close + 1));
        // after comm: state(0) ppid(1) ... utime(11) stime(12)
        char state = f[0].charAt(0);
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return new ProcessSample(pid, comm, state, ticks);
    }
}
