package dev.saturn.collectors.perf;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * System-wide CPU cycles and instructions through perf_event_open(2), one counter per CPU and
 * event, as `perf stat -a` opens them. Where the machine has no PMU (most VMs), or the kernel
 * refuses, {@link #open} says why and nothing native is loaded.
 */
public final class PmuCounters implements AutoCloseable {
    private static final int PERF_TYPE_HARDWARE = 0;
    private static final int PERF_COUNT_HW_CPU_CYCLES = 0;
    private static final int PERF_COUNT_HW_INSTRUCTIONS = 1;
    private static final int PERF_ATTR_SIZE = 128;

    private final LibC libc;
    private final List<Integer> cycleFds;
    private final List<Integer> instructionFds;

    interface LibC extends Library {
        long syscall(long number, Object... args);

        int read(int fd, Memory buffer, long count);

        int close(int fd);
    }

    private PmuCounters(LibC libc, List<Integer> cycleFds, List<Integer> instructionFds) {
        this.libc = libc;
        this.cycleFds = cycleFds;
        this.instructionFds = instructionFds;
    }

    public static Reading<PmuCounters> open(HostPaths paths, int cpus) {
        if (!Files.isDirectory(paths.sys("bus/event_source/devices/cpu"))) {
            return Reading.unavailable("no PMU: " + paths.sys("bus/event_source/devices/cpu")
                    + " is absent (a VM without PMU passthrough has no hardware counters)");
        }
        return openEvents(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, PERF_COUNT_HW_INSTRUCTIONS, cpus);
    }

    /**
     * Opens two counters of any perf type on every CPU; {@link #read} returns them as (cycles,
     * instructions). Tests use software events, which every kernel has, to check the plumbing.
     */
    static Reading<PmuCounters> openEvents(int type, int first, int second, int cpus) {
        long syscallNumber = perfEventOpenNumber();
        if (syscallNumber < 0) {
            return Reading.unavailable("perf_event_open not wired for " + System.getProperty("os.arch"));
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            List<Integer> cycles = new ArrayList<>();
            List<Integer> instructions = new ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                int c = openCounter(libc, syscallNumber, type, first, cpu);
                int i = openCounter(libc, syscallNumber, type, second, cpu);
                if (c < 0 || i < 0) {
                    int errno = Native.getLastError();
                    new PmuCounters(libc, cycles, instructions).close();
                    return Reading.unavailable("perf_event_open failed with errno " + errno
                            + (errno == 13 || errno == 1 ? " (permission: lower kernel.perf_event_paranoid or run as root)" : ""));
                }
                cycles.add(c);
                instructions.add(i);
            }
            return Reading.of(new PmuCounters(libc, cycles, instructions));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Reading.unavailable("cannot call perf_event_open: " + e.getMessage());
        }
    }

    public PmuCounts read() {
        return new PmuCounts(sum(cycleFds), sum(instructionFds));
    }

    private long sum(List<Integer> fds) {
        long total = 0;
        Memory buffer = new Memory(8);
        for (int fd : fds) {
            if (libc.read(fd, buffer, 8) == 8) {
                total += buffer.getLong(0);
            }
        }
        return total;
    }

    private static int openCounter(LibC libc, long syscallNumber, int type, int config, int cpu) {
        Memory attr = new Memory(PERF_ATTR_SIZE);
        attr.clear();
        attr.setInt(0, type);
        attr.setInt(4, PERF_ATTR_SIZE);
        attr.setLong(8, config);
        return (int) libc.syscall(syscallNumber, attr, -1, cpu, -1, 0L);
    }

    private static long perfEventOpenNumber() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 298;
            case "aarch64" -> 241;
            default -> -1;
        };
    }

    @Override
    public void close() {
        for (int fd : cycleFds) {
            libc.close(fd);
        }
        for (int fd : instructionFds) {
            libc.close(fd);
        }
    }
}
