package dev.saturn.collectors.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of /proc/stat and /proc/net/softnet_stat that the task gauges, fork rate and softnet row read. */
class StatLinesTest {
    private static final String STAT = "cpu  10 0 5 100 0 0 0 0 0 0\ncpu0 10 0 5 100 0 0 0 0 0 0\nintr 5 1 2\nctxt 900\n"
            + "btime 1\nprocesses 4478\nprocs_running 6\nprocs_blocked 2\nsoftirq 1 0\n";

    @Test
    void taskCountsAreFoundByName() {
        assertEquals(new TaskCounts(6, 2), CpuStatReader.parseTaskCounts(STAT));
        assertEquals(4478L, CpuStatReader.parse(STAT).forks());
    }

    @Test
    void aStatWithoutTheTaskLinesIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuStatReader.parseTaskCounts("cpu  1 2 3 4\nprocs_running 3\n"));
        assertEquals("no procs_blocked line", e.getMessage());
    }

    @Test
    void softnetNamesCpusByTheirColumnSince510AndByLineBefore() {
        SoftnetStat withIds = SoftnetStatReader.parse(
                "0000afd7 00000002 00000003 0 0 0 0 0 0 0 0 0 00000000 0 0\n0000d66b 00000000 0000000a 0 0 0 0 0 0 0 0 0 00000003 0 0\n");
        assertEquals(List.of(new SoftnetStat.Cpu(0, 0xafd7, 2, 3), new SoftnetStat.Cpu(3, 0xd66b, 0, 10)), withIds.cpus());
        assertEquals(2, withIds.dropped());
        assertEquals(13, withIds.timeSqueezed());
        SoftnetStat old = SoftnetStatReader.parse("00000010 00000001 00000000\n00000020 00000000 00000004\n");
        assertEquals(1, old.cpus().get(1).cpu());
    }

    @Test
    void softnetRefusesWhatIsNotHexadecimal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoftnetStatReader.parse("zz 0 0\n"));
        assertEquals("not a hexadecimal counter: zz", e.getMessage());
    }
}
