package dev.saturn.collectors.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When perf cannot record sched:sched_switch, one line says why and what to set: checked on /sys trees made
 * here (the machine's own has tracefs, and as root the sysctl does not apply).
 */
class TracepointsTest {
    @TempDir
    Path sys;

    private static final PerfAccess ROOT = new PerfAccess(2, true);

    @Test
    void withoutTracefsItSaysHowToMountIt() {
        String refused = new Tracepoints(sys, ROOT).refusal(PerfEvent.SCHED_SWITCH).orElseThrow();
        assertTrue(refused.startsWith("sched:sched_switch needs tracefs, which is not mounted"), refused);
        assertTrue(refused.endsWith("`mount -t tracefs nodev /sys/kernel/tracing`"), refused);
    }

    /** perf mounts tracefs itself when it may (root, CAP_SYS_ADMIN) and the kernel has the mount point. */
    @Test
    void rootLeavesAnUnmountedTracefsToPerf() throws Exception {
        Files.createDirectories(sys.resolve("kernel/tracing"));
        assertEquals(Optional.empty(), new Tracepoints(sys, ROOT).refusal(PerfEvent.SCHED_SWITCH));
        String refused = new Tracepoints(sys, new PerfAccess(-1, false)).refusal(PerfEvent.SCHED_SWITCH).orElseThrow();
        assertTrue(refused.startsWith("sched:sched_switch needs tracefs, which is not mounted"), refused);
    }

    @Test
    void aKernelWithoutTheTracepointIsNamed() throws Exception {
        Files.createDirectories(sys.resolve("kernel/tracing/events/sched/sched_wakeup"));
        String refused = new Tracepoints(sys, ROOT).refusal(PerfEvent.SCHED_SWITCH).orElseThrow();
        assertTrue(refused.startsWith("this kernel has no sched:sched_switch tracepoint"), refused);
    }

    @Test
    void tracefsUnderDebugfsServesToo() throws Exception {
        Files.createDirectories(sys.resolve("kernel/debug/tracing/events/sched/sched_switch"));
        assertEquals(Optional.empty(), new Tracepoints(sys, ROOT).refusal(PerfEvent.SCHED_SWITCH));
    }

    @Test
    void withoutPrivilegeTheSysctlMustBeMinusOne() throws Exception {
        Files.createDirectories(sys.resolve("kernel/tracing/events/sched/sched_switch"));
        String refused = new Tracepoints(sys, new PerfAccess(2, false)).refusal(PerfEvent.SCHED_SWITCH).orElseThrow();
        assertEquals("sched:sched_switch needs root or kernel.perf_event_paranoid <= -1, and it is 2: run as root, "
                + "or `sudo sysctl kernel.perf_event_paranoid=-1`", refused);
        assertEquals(Optional.empty(), new Tracepoints(sys, new PerfAccess(-1, false)).refusal(PerfEvent.SCHED_SWITCH));
    }
}
