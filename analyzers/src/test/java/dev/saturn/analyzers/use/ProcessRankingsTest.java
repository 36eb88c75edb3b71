package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.FdUsage;
import dev.saturn.collectors.proc.ProcessDetail;
import dev.saturn.collectors.proc.ProcessIo;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.SocketQueue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two process tables two seconds apart into each resource's processes. */
class ProcessRankingsTest {
    private static final double SECONDS = 2.0;

    private static ProcessSample process(int pid, String comm, long ticks, long majflt, int threads, long rss, long start,
                                         ProcessDetail detail) {
        return new ProcessSample(pid, comm, 'S', ticks, majflt, threads, rss, start, 0, 0, detail);
    }

    private static ProcessDetail detail(long delayNs, long read, long write, long swap, int fds, Long limit, long... sockets) {
        return new ProcessDetail(Reading.of(delayNs), Reading.of(new ProcessIo(read, write)), Reading.of(swap),
                Reading.of(new FdUsage(fds, limit, sockets)), "/app.slice");
    }

    private static ProcessTable table(Map<Long, SocketQueue> sockets, ProcessSample... processes) {
        return new ProcessTable(List.of(processes), Reading.of(sockets), Reading.of(false));
    }

    private static ProcessRanking ranking(List<ProcessRanking> all, String metric) {
        return all.stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void eachProcessIsMeasuredBetweenItsOwnTwoReadings() {
        // the first walk (every file of every process) took 0.5 s and read dd last; the next read it first
        long s = 1_000_000_000L;
        ProcessTable before = new ProcessTable(List.of(process(11, "burn", 1000, 0, 1, 0, 600, detail(0, 0, 0, 0, 1, 1024L)),
                process(10, "dd", 100, 0, 1, 0, 500, detail(0, 0, 0, 0, 1, 1024L))),
                Reading.of(Map.of()), Reading.of(false), 0L, new long[] {0, s / 2});
        ProcessTable after = new ProcessTable(List.of(process(10, "dd", 250, 0, 1, 0, 500, detail(0, 0, 150L << 20, 0, 1, 1024L)),
                process(11, "burn", 1200, 0, 1, 0, 600, detail(0, 0, 0, 0, 1, 1024L))),
                Reading.of(Map.of()), Reading.of(false), 2 * s, new long[] {2 * s, 2 * s + s / 100});
        List<ProcessRanking> all = ProcessRankings.of(before, after, SECONDS);

        assertEquals(100.0, ranking(all, "cpu_pct").top().stream().filter(f -> f.pid() == 10).findFirst().orElseThrow().value(), 1e-9,
                "dd: 150 ticks between readings 1.5 s apart, not the walks' 2 s");
        assertEquals(100.0 * (1 << 20), ranking(all, "write_bytes").top().get(0).value(), 1e-3, "150 MiB over 1.5 s");
        assertEquals(200.0 / 2.01, ranking(all, "cpu_pct").top().stream().filter(f -> f.pid() == 11).findFirst().orElseThrow().value(), 1e-9,
                "burn: read first, then 10 ms into the next walk");
        List<ProcessCpu> top = TopProcesses.top(before, after, SECONDS, 2);
        assertEquals(100.0, top.stream().filter(p -> p.pid() == 10).findFirst().orElseThrow().cpuPct(), 1e-9, "the CPU row's top, the same way");
    }

    @Test
    void eachResourceNamesItsProcessesLargestFirst() {
        ProcessTable before = table(Map.of(),
                process(10, "dd", 100, 0, 1, 1 << 20, 500, detail(0, 0, 0, 0, 5, 1024L)),
                process(11, "burn", 1000, 0, 4, 50 << 20, 600, detail(1_000_000_000L, 0, 0, 0, 4, 1024L)),
                process(12, "fdhog", 0, 0, 1, 1 << 20, 700, detail(0, 0, 0, 0, 1000, 1024L)));
        ProcessTable after = table(Map.of(77L, new SocketQueue(77, 1, 0, 4_000_000)),
                process(10, "dd", 150, 40, 1, 2 << 20, 500, detail(0, 0, 200L << 20, 0, 5, 1024L)),
                process(11, "burn", 1380, 0, 4, 50 << 20, 600, detail(1_500_000_000L, 0, 0, 4096, 4, 1024L)),
                process(12, "fdhog", 0, 0, 1, 1 << 20, 700, detail(0, 0, 0, 0, 1000, 1024L, 77L)));
        List<ProcessRanking> all = ProcessRankings.of(before, after, SECONDS);

        ProcessRanking cpu = ranking(all, "cpu_pct");
        assertEquals("cpu", cpu.resource());
        assertEquals(List.of(11, 10), cpu.top().stream().map(ProcessFigure::pid).toList());
        assertEquals(190.0, cpu.top().get(0).value(), 1e-9, "380 ticks over 2 s: 1.9 CPUs");
        assertEquals("/app.slice", cpu.top().get(0).cgroup());
        assertEquals(250.0, ranking(all, "run_delay").top().get(0).value(), 1e-9, "0.5 s waited over 2 s: 250 ms/s");
        assertEquals(20.0, ranking(all, "major_faults").top().get(0).value(), 1e-9);
        assertEquals(100.0 * (1 << 20), ranking(all, "write_bytes").top().get(0).value(), 1e-3, "200 MiB over 2 s");
        assertTrue(ranking(all, "read_bytes").top().isEmpty(), "nobody read");
        assertEquals(4096.0, ranking(all, "swap").top().get(0).value());
        assertEquals(11, ranking(all, "threads").top().get(0).pid());

        ProcessFigure fds = ranking(all, "open_fds").top().get(0);
        assertEquals(12, fds.pid(), "ranked by the share of its own limit");
        assertEquals(1000.0, fds.value());
        assertEquals(1024.0, fds.limit());
        ProcessFigure queue = ranking(all, "receive_queue").top().get(0);
        assertEquals(12, queue.pid());
        assertEquals(4_000_000.0, queue.value());
        assertEquals(ProcessRankings.DELAY_ACCOUNTING_OFF, ranking(all, "blkio_delay").reason());
    }

    @Test
    void aReusedPidIsANewProcessAndAnUnreadableFileIsAReasonNeverAZero() {
        ProcessTable before = table(Map.of(), process(10, "old", 5000, 0, 1, 1, 100, detail(0, 0, 0, 0, 1, 1024L)));
        ProcessDetail unreadable = new ProcessDetail(Reading.of(0L), Reading.unavailable("cannot read /proc/10/io: Permission denied"),
                Reading.of(0L), Reading.of(new FdUsage(1, 1024L, new long[0])), null);
        ProcessTable after = table(Map.of(), process(10, "new", 30, 0, 1, 1, 900, unreadable),
                process(20, "writer", 10, 0, 1, 1, 950, detail(0, 0, 8192, 0, 1, 1024L)));
        List<ProcessRanking> all = ProcessRankings.of(before, after, SECONDS);
        assertEquals(15.0, ranking(all, "cpu_pct").top().get(0).value(), 1e-9, "all of the new process's 30 ticks are in the interval");
        ProcessRanking write = ranking(all, "write_bytes");
        assertNull(write.reason());
        assertEquals(20, write.top().get(0).pid());
        assertTrue(write.unreadable().contains("1 process") && write.unreadable().contains("Permission denied"), write.unreadable());

        ProcessTable onlyUnreadable = table(Map.of(), process(10, "new", 30, 0, 1, 1, 900, unreadable));
        ProcessRanking none = ranking(ProcessRankings.of(before, onlyUnreadable, SECONDS), "write_bytes");
        assertTrue(none.top().isEmpty());
        assertEquals("cannot read /proc/10/io: Permission denied", none.reason());
    }
}
