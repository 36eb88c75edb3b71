package dev.saturn.collectors.perf;

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

    private final PerfEventOpen perf;
    private final List<Integer> cycleFds;
    private final List<Integer> instructionFds;

    private PmuCounters(PerfEventOpen perf, List<Integer> cycleFds, List<Integer> instructionFds) {
        this.perf = perf;
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
        try {
            PerfEventOpen perf = PerfEventOpen.load();
            List<Integer> cycles = new ArrayList<>();
            List<Integer> instructions = new ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                int c = perf.open(type, first, -1, cpu);
                int i = perf.open(type, second, -1, cpu);
                if (c < 0 || i < 0) {
                    int errno = PerfEventOpen.lastErrno();
                    new PmuCounters(perf, cycles, instructions).close();
                    return Reading.unavailable("perf_event_open failed with errno " + errno
                            + (errno == 13 || errno == 1 ? " (permission: lower kernel.perf_event_paranoid or run as root)" : ""));
                }
                cycles.add(c);
                instructions.add(i);
            }
            return Reading.of(new PmuCounters(perf, cycles, instructions));
        } catch (UnsupportedOperationException e) {
            return Reading.unavailable(e.getMessage());
        }
    }

    public PmuCounts read() {
        return new PmuCounts(sum(cycleFds), sum(instructionFds));
    }

    private long sum(List<Integer> fds) {
        long total = 0;
        for (int fd : fds) {
            long[] value = perf.read(fd, 1);
            if (value != null) {
                total += value[0];
            }
        }
        return total;
    }

    @Override
    public void close() {
        for (int fd : cycleFds) {
            perf.close(fd);
        }
        for (int fd : instructionFds) {
            perf.close(fd);
        }
    }
}
