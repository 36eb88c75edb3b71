package dev.saturn.collectors.proc;

import dev.saturn.collectors.KernelFiles;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a pressure stall file: /proc/pressure/{cpu,memory,io} or a cgroup's *.pressure. */
public final class PressureReader {
    private PressureReader() {
    }

    /** System-wide PSI for "cpu", "memory" or "io". */
    public static Reading<Pressure> system(dev.saturn.collectors.HostPaths paths, String resource) {
        Path file = ProcFile.valueOf("PRESSURE_" + resource.toUpperCase(java.util.Locale.ROOT)).in(paths);
        if (!Files.isDirectory(file.getParent())) {
            return Reading.unavailable("no PSI: " + file.getParent() + " is absent (kernel before 4.20, or booted without psi=1)");
        }
        return read(paths.files(), file);
    }

    public static Reading<Pressure> read(KernelFiles files, Path path) {
        return files.parse(path, PressureReader::parse);
    }

    static Pressure parse(String text) {
        Long some = null;
        Long full = null;
        for (String line : Tokens.lines(text)) {
            String[] f = Tokens.split(line);
            if (f.length == 0) {
                continue;
            }
            Long total = null;
            for (String field : f) {
                if (field.startsWith("total=")) {
                    total = Tokens.counter(field.substring(6));
                }
            }
            if (total == null) {
                throw new IllegalArgumentException("no total= on the " + f[0] + " line");
            }
            if (f[0].equals("some")) {
                some = total;
            } else if (f[0].equals("full")) {
                full = total;
            }
        }
        if (some == null) {
            throw new IllegalArgumentException("no some line");
        }
        return new Pressure(some, full);
    }
}
