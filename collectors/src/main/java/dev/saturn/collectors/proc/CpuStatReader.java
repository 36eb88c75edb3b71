package dev.saturn.collectors.proc;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/stat. */
public final class CpuStatReader {
    private CpuStatReader() {
    }

    public static Reading<CpuStat> read(HostPaths paths) {
        Path path = ProcFile.STAT.in(paths);
        return paths.files().parse(path, CpuStatReader::parse);
    }

    /**
     * procs_running and procs_blocked alone, for sampling many times an interval: the lines are
     * found by their names, the CPU lines before them are not parsed.
     */
    public static Reading<TaskCounts> taskCounts(HostPaths paths) {
        return paths.files().parse(ProcFile.STAT.in(paths), CpuStatReader::parseTaskCounts);
    }

    static TaskCounts parseTaskCounts(String text) {
        return new TaskCounts(gauge(text, "\nprocs_running "), gauge(text, "\nprocs_blocked "));
    }

    private static long gauge(String text, String name) {
        int at = text.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("no " + name.strip() + " line");
        }
        int start = at + name.length();
        int end = text.indexOf('\n', start);
        return Tokens.counter(text.substring(start, end < 0 ? text.length() : end).trim());
    }

    static CpuStat parse(String text) {
        CpuTimes total = null;
        List<CpuStat.CpuLine> cpus = new ArrayList<>();
        Long running = null;
        Long blocked = null;
        Long ctxt = null;
        Long forks = null;
        for (String line : Tokens.lines(text)) {
            if (line.startsWith("cpu")) {
                String[] f = Tokens.split(line);
                if (f.length < 5) {
                    throw new IllegalArgumentException("cpu line with " + (f.length - 1) + " fields");
                }
                CpuTimes times = times(f);
                if (f[0].equals("cpu")) {
                    total = times;
                } else {
                    cpus.add(new CpuStat.CpuLine(Integer.parseInt(f[0].substring(3)), times));
                }
            } else if (line.startsWith("procs_running ")) {
                running = Tokens.counter(Tokens.split(line)[1]);
            } else if (line.startsWith("procs_blocked ")) {
                blocked = Tokens.counter(Tokens.split(line)[1]);
            } else if (line.startsWith("ctxt ")) {
                ctxt = Tokens.counter(Tokens.split(line)[1]);
            } else if (line.startsWith("processes ")) {
                forks = Tokens.counter(Tokens.split(line)[1]);
            }
        }
        if (total == null) {
            throw new IllegalArgumentException("no aggregate cpu line");
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no per-CPU lines");
        }
        return new CpuStat(total, List.copyOf(cpus), running, blocked, ctxt, forks);
    }

    private static CpuTimes times(String[] f) {
        long[] v = new long[10];
        for (int i = 1; i < f.length && i <= 10; i++) {
            v[i - 1] = Tokens.counter(f[i]);
        }
        return new CpuTimes(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
