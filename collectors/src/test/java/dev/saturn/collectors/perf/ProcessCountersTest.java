package dev.saturn.collectors.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-thread counters of a real child JVM, checked against the kernel's own accounting of the same
 * process in /proc/PID/stat over the same window.
 */
class ProcessCountersTest {

    /** JNA's first load takes 0.1 s or more: outside the windows the tests compare. */
    @org.junit.jupiter.api.BeforeAll
    static void loadJna() {
        open((int) ProcessHandle.current().pid()).close();
    }

    @Test
    void taskClockAgreesWithProcStatWhileThreadsExitAndStart() throws Exception {
        // "short" exits 1.2 s in, "late" starts 0.8 s in: both inside the 3 s window
        try (ChildJvm child = ChildJvm.start(Burner.class, "8000", "1200", "800")) {
            long cpuBefore = child.cpuNanos();
            ProcessCounts counts;
            long cpuAfter;
            try (ProcessCounters counters = open(child.pid())) {
                Thread.sleep(3000);
                counts = counters.read();
                cpuAfter = child.cpuNanos();
            }
            double taskClock = counts.event(CounterEvent.TASK_CLOCK).scaled();
            double procStat = cpuAfter - cpuBefore;
            String figures = String.format(Locale.ROOT, "task-clock %.3f s, /proc/%d/stat utime+stime %.3f s, ratio %.3f",
                    taskClock / 1e9, child.pid(), procStat / 1e9, taskClock / procStat);
            System.out.println("ProcessCountersTest: " + figures);
            assertTrue(procStat > 0.3e9, "the child burned CPU (up to 2 CPUs for 3 s, less on a busy machine): " + figures);
            assertEquals(procStat, taskClock, 0.10 * procStat, figures);
            assertTrue(counts.threadsExited() >= 1, "the short thread exited: " + counts);
            assertTrue(counts.threadsStartedSeen() >= 1, "the late thread started: " + counts);
            assertTrue(counts.event(CounterEvent.CONTEXT_SWITCHES).raw() > 0, counts.toString());
            assertFalse(counts.processExited());
        }
    }

    @Test
    void countsOfAProcessThatExitsAreKept() throws Exception {
        try (ChildJvm child = ChildJvm.start(Burner.class, "1500")) {
            long cpuBefore = child.cpuNanos();
            try (ProcessCounters counters = open(child.pid())) {
                assertTrue(child.process.waitFor(20, TimeUnit.SECONDS));
                while (counters.alive()) {
                    Thread.sleep(20);
                }
                ProcessCounts counts = counters.read();
                assertTrue(counts.processExited());
                String said = child.remainingOutput().strip();
                assertTrue(said.startsWith("cpu "), said);
                double cpuAtExit = Long.parseLong(said.substring(4)) - cpuBefore;
                double taskClock = counts.event(CounterEvent.TASK_CLOCK).scaled();
                String figures = String.format(Locale.ROOT, "task-clock read after the exit %.3f s, the child's CPU time at its exit %.3f s",
                        taskClock / 1e9, cpuAtExit / 1e9);
                System.out.println("ProcessCountersTest: " + figures);
                assertEquals(cpuAtExit, taskClock, 0.10 * cpuAtExit + 20e6, figures);
            }
        }
    }

    @Test
    void hardwareEventsWithoutAPmuAreNotSupportedWithTheReason() throws Exception {
        try (ChildJvm child = ChildJvm.start(Burner.class, "3000"); ProcessCounters counters = open(child.pid())) {
            EventCount cycles = counters.read().event(CounterEvent.CYCLES);
            if (Files.isDirectory(Path.of("/sys/bus/event_source/devices/cpu"))) {
                assertTrue(cycles.supported() || cycles.unsupported().contains("errno"), cycles.toString());
            } else {
                assertFalse(cycles.supported());
                assertTrue(cycles.unsupported().startsWith("no PMU"), cycles.unsupported());
            }
        }
    }

    @Test
    void aProcessThatIsGoneIsUnavailableWithWhatToDo() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Reading<ProcessCounters> r = ProcessCounters.open(HostPaths.liveHost(), (int) p.pid());
        assertFalse(r.isAvailable());
        assertTrue(r.reason().startsWith("no process with PID " + p.pid()), r.reason());
    }

    @Test
    void aThreadIdIsNotAProcess() throws Exception {
        try (ChildJvm child = ChildJvm.start(Burner.class, "3000")) {
            int tid = Files.list(Path.of("/proc/" + child.pid() + "/task")).map(t -> Integer.parseInt(t.getFileName().toString()))
                    .filter(t -> t != child.pid()).findFirst().orElseThrow();
            Reading<ProcessCounters> r = ProcessCounters.open(HostPaths.liveHost(), tid);
            assertEquals(tid + " is a thread of process " + child.pid() + ": give -p " + child.pid(), r.reason());
        }
    }

    private static ProcessCounters open(int pid) {
        Reading<ProcessCounters> r = ProcessCounters.open(HostPaths.liveHost(), pid);
        assertTrue(r.isAvailable(), () -> r.reason());
        return r.value();
    }
}
