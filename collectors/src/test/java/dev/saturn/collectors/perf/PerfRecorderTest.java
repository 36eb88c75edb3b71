package dev.saturn.collectors.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.ProfilingException;
import dev.saturn.testkit.CpuTime;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** perf record and perf script on a real process: `yes` writing to /dev/null. Needs perf (CI installs linux-perf). */
class PerfRecorderTest {

    @Test
    void recordsAProcessAndStreamsPerfScript() throws Exception {
        Needs.tool("perf");
        Process busy = new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (PerfRecorder r = PerfRecorder.start(new PerfRecorder.Request("perf", busy.pid(), 99))) {
            // 0.5 s of the target's CPU time, about 50 samples at 99 Hz, however long a busy machine takes to give it
            Duration atStart = CpuTime.ofProcess(busy.pid());
            Poll.untilTrue(Duration.ofSeconds(60), "yes to run 0.5 s on a CPU",
                    () -> CpuTime.ofProcess(busy.pid()).minus(atStart).toMillis() >= 500);
            r.stop();
            long cpuMillis = CpuTime.ofProcess(busy.pid()).minus(atStart).toMillis();
            String text = new String(r.script().readAllBytes(), StandardCharsets.ISO_8859_1);
            r.finishScript();
            assertTrue(text.matches("(?s)yes +" + busy.pid() + "/" + busy.pid() + " .*"), text);
            long samples = text.lines().filter(l -> l.startsWith("yes ")).count();
            assertTrue(samples >= cpuMillis / 10 / 4, samples + " samples for " + cpuMillis + " ms of CPU at 99 Hz");
            assertTrue(text.contains(PerfRecorder.event()), text);
        } finally {
            busy.destroyForcibly();
        }
    }

    /** Several processes in one recording (perf's -p A,B): the stacks of each, and of nothing else. */
    @Test
    void recordsSeveralProcessesAtOnce() throws Exception {
        Needs.tool("perf");
        Process yes = new ProcessBuilder("yes").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Process cat = new ProcessBuilder("cat", "/dev/zero").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (PerfRecorder r = PerfRecorder.start(new PerfRecorder.Request("perf", java.util.List.of(yes.pid(), cat.pid()), 99, PerfEvent.CPU))) {
            Duration yesAtStart = CpuTime.ofProcess(yes.pid());
            Duration catAtStart = CpuTime.ofProcess(cat.pid());
            Poll.untilTrue(Duration.ofSeconds(60), "yes and cat to run 0.3 s each on a CPU",
                    () -> CpuTime.ofProcess(yes.pid()).minus(yesAtStart).toMillis() >= 300
                            && CpuTime.ofProcess(cat.pid()).minus(catAtStart).toMillis() >= 300);
            r.stop();
            String text = new String(r.script().readAllBytes(), StandardCharsets.ISO_8859_1);
            r.finishScript();
            java.util.Set<String> heads = new java.util.TreeSet<>();
            text.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0))).forEach(l -> heads.add(l.split(" +")[1]));
            assertEquals(java.util.Set.of(yes.pid() + "/" + yes.pid(), cat.pid() + "/" + cat.pid()), heads, text.lines().limit(5).toList().toString());
        } finally {
            yes.destroyForcibly();
            cat.destroyForcibly();
        }
    }

    /**
     * perf samples from the moment start returns: every CPU's cpu-clock ticks at 99 Hz, busy or idle, so one second
     * holds about 99 samples a CPU. perf -a takes seconds to set up on a busy machine (it reads every process's
     * maps first); started without waiting for it, a 1 s recording beside stress-ng --cpu 4 held a handful.
     */
    @Test
    void everyCpuIsSampledFromTheMomentStartReturns() throws Exception {
        Needs.tool("perf");
        Needs.machine(PerfRecorder.unavailable("perf", true).isEmpty(), "perf may not record every CPU here: "
                + PerfRecorder.unavailable("perf", true).orElse(""));
        int cpus = Runtime.getRuntime().availableProcessors();
        try (PerfRecorder r = PerfRecorder.start(new PerfRecorder.Request("perf", null, 99))) {
            long start = System.nanoTime();
            Thread.sleep(1000);
            // the window ends when stop is asked for: perf's own exit and flush after it sample nothing
            double seconds = (System.nanoTime() - start) / 1e9;
            r.stop();
            String text = new String(r.script().readAllBytes(), StandardCharsets.ISO_8859_1);
            r.finishScript();
            long samples = text.lines().filter(l -> !l.isEmpty() && !Character.isWhitespace(l.charAt(0))).count();
            assertTrue(samples >= 0.5 * 99 * cpus * seconds, samples + " samples of " + cpus + " CPUs in " + seconds + " s at 99 Hz");
        }
    }

    @Test
    void aMissingPerfBinaryIsNamedWithHowToInstallIt() {
        ProfilingException e = assertThrows(ProfilingException.class, () -> PerfRecorder.locate("/nonexistent/perf"));
        assertTrue(e.getMessage().contains("apt-get install linux-perf"), e.getMessage());
        ProfilingException onPath = assertThrows(ProfilingException.class, () -> PerfRecorder.locate("perf-saturn-no-such-binary"));
        assertTrue(onPath.getMessage().contains("not installed"), onPath.getMessage());
        // the path is the caller's to take (saturn profile words it as --perf; the agent has no such flag)
        assertEquals(ProfilingException.Remedy.PERF_PATH, onPath.remedy());
        Needs.tool("perf");
        assertTrue(PerfRecorder.locate("perf").isAbsolute() || PerfRecorder.locate("perf").startsWith(Path.of(".")));
    }

    @Test
    void aPidThatIsGoneFailsAtStart() throws Exception {
        String perf = Needs.tool("perf").toString();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        ProfilingException e = assertThrows(ProfilingException.class,
                () -> PerfRecorder.start(new PerfRecorder.Request(perf, p.pid(), 99)).close());
        assertTrue(e.getMessage().contains("is gone"), e.getMessage());
    }
}
