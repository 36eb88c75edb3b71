package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `saturn stat -p` on a real child JVM burning CPU in two threads, one of which exits midway; the
 * agreement tests compare task-clock with utime + stime of /proc/PID/stat over the same window: from
 * saturn's "counting" line, printed once the counters are open, to its return.
 */
class StatCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TASK_CLOCK = Pattern.compile("^\\s*([\\d,.]+) msec task-clock\\s+#\\s+([\\d.]+) CPUs utilized$",
            Pattern.MULTILINE);

    @Test
    void textTableLikePerfStatWithTaskClockAgreeingWithProcStat() throws Exception {
        try (ChildProcess child = ChildProcess.burner("8000", "1000")) {
            warmUp(child);
            child.send("go");
            Windowed w = statOverProcWindow(child, "stat", "-p", String.valueOf(child.pid()), "--duration", "2500ms");
            CliRun run = w.run();
            double procStat = w.procStatSeconds();
            assertEquals(0, run.exit(), run.err());
            Matcher m = TASK_CLOCK.matcher(run.out());
            assertTrue(m.find(), run.out());
            double taskClock = Double.parseDouble(m.group(1).replace(",", "")) / 1000;
            String figures = String.format(Locale.ROOT, "saturn stat task-clock %.3f s, /proc/%d/stat utime+stime %.3f s, ratio %.3f",
                    taskClock, child.pid(), procStat, taskClock / procStat);
            System.out.println("StatCommandTest: " + figures);
            assertEquals(procStat, taskClock, 0.10 * procStat, figures + "\n" + run.out());
            assertEquals(taskClock / 2.5, Double.parseDouble(m.group(2)), 0.05, "CPUs utilized = task-clock / elapsed");
            for (String event : List.of("context-switches", "cpu-migrations", "page-faults", "cycles", "instructions")) {
                assertTrue(Pattern.compile("^ {0,17}(\\S+|<not supported>) +" + event + "\\b", Pattern.MULTILINE).matcher(run.out()).find(),
                        event + " line:\n" + run.out());
            }
            assertTrue(run.out().contains("Performance counter stats for process id '" + child.pid() + "' (java)"), run.out());
            assertTrue(run.out().matches("(?s).*\\n +2\\.5\\d+ seconds time elapsed\\n.*"), run.out());
            assertTrue(run.out().contains("(1 since exited, their counts kept)"), run.out());
            if (!Files.isDirectory(Path.of("/sys/bus/event_source/devices/cpu"))) {
                assertTrue(run.out().contains("   <not supported>      cycles\n"), run.out());
                assertTrue(run.out().contains("cycles, instructions: not supported: no PMU"), run.out());
            }
            assertTrue(run.err().startsWith("saturn: counting process " + child.pid() + " (java, "), run.err());
            assertTrue(run.err().contains("for 2.5 s; Ctrl-C stops early"), run.err());
        }
    }

    /**
     * The first count in this JVM loads JNA and picocli's model, a second or more on a busy machine,
     * before the counters open: outside the /proc/PID/stat window the agreement tests compare.
     */
    private static void warmUp(ChildProcess child) {
        assertEquals(0, CliRun.of("stat", "-p", String.valueOf(child.pid()), "--duration", "100ms").exit());
    }

    /** A run of saturn and the child's utime + stime from saturn's "counting" line on stderr to its return. */
    private record Windowed(CliRun run, double before, double after) {
        double procStatSeconds() {
            return after - before;
        }
    }

    private static Windowed statOverProcWindow(ChildProcess child, String... args) throws java.io.IOException {
        picocli.CommandLine cli = Saturn.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        double[] before = {Double.NaN};
        java.io.Writer errTap = new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                if (Double.isNaN(before[0])) {
                    try {
                        before[0] = child.cpuSeconds();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                err.write(c, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(errTap, true));
        int exit = cli.execute(args);
        double after;
        try {
            after = child.cpuSeconds();
        } catch (java.io.IOException gone) {
            after = Double.NaN;
        }
        return new Windowed(new CliRun(exit, out.toString(), err.toString()), before[0], after);
    }

    @Test
    void jsonHasEveryEventAndTheThreads() throws Exception {
        try (ChildProcess child = ChildProcess.burner("8000", "1000")) {
            warmUp(child);
            child.send("go");
            Windowed w = statOverProcWindow(child, "stat", "-p", String.valueOf(child.pid()), "--duration", "2s", "--json");
            CliRun run = w.run();
            double procStat = w.procStatSeconds();
            assertEquals(0, run.exit(), run.err());
            JsonNode root = JSON.readTree(run.out());
            assertEquals(child.pid(), root.get("pid").asInt());
            assertEquals("duration", root.get("stopped_by").asText());
            JsonNode clock = root.get("events").get(0);
            assertEquals("task-clock", clock.get("name").asText());
            assertEquals("ns", clock.get("unit").asText());
            double taskClock = clock.get("value").asLong() / 1e9;
            System.out.printf(Locale.ROOT, "StatCommandTest --json: task-clock %.3f s, /proc stat %.3f s, ratio %.3f%n",
                    taskClock, procStat, taskClock / procStat);
            assertEquals(procStat, taskClock, 0.10 * procStat);
            assertEquals(taskClock / root.get("elapsed_s").asDouble(), root.get("cpus_utilized").asDouble(), 1e-6);
            assertEquals(1, root.get("threads").get("exited").asInt(), root.toString());
            assertEquals(6, root.get("events").size());
            JsonNode cycles = root.get("events").get(4);
            assertEquals("cycles", cycles.get("name").asText());
            if (!cycles.get("supported").asBoolean()) {
                assertTrue(cycles.get("reason").asText().length() > 0);
                assertTrue(root.get("ipc").isNull());
            }
        }
    }

    @Test
    void aProcessThatExitsDuringTheCountIsReportedWithWhatWasCounted() throws Exception {
        try (ChildProcess child = ChildProcess.burner("60000", "700", "1500")) {
            warmUp(child);
            child.send("go");
            long start = System.nanoTime();
            Windowed w = statOverProcWindow(child, "stat", "-p", String.valueOf(child.pid()), "--duration", "30s");
            CliRun run = w.run();
            double cpuBefore = w.before();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, run.exit(), run.err());
            assertTrue(seconds < 10, "stopped when the process exited, not after 30 s: " + seconds);
            assertTrue(run.out().contains(" Process " + child.pid() + " exited "), run.out());
            String said = child.stdout().strip();
            assertTrue(said.startsWith("cpu "), said);
            double cpuAtExit = Long.parseLong(said.substring(4)) / 1e9 - cpuBefore;
            Matcher m = TASK_CLOCK.matcher(run.out());
            assertTrue(m.find(), run.out());
            double taskClock = Double.parseDouble(m.group(1).replace(",", "")) / 1000;
            System.out.printf(Locale.ROOT, "StatCommandTest exit: task-clock %.3f s, CPU time to the exit %.3f s, ratio %.3f%n",
                    taskClock, cpuAtExit, taskClock / cpuAtExit);
            assertEquals(cpuAtExit, taskClock, 0.10 * cpuAtExit + 0.02, "counts of the exited process kept:\n" + run.out());
        }
    }

    @Test
    void ctrlCStopsEarlyAndPrints() throws Exception {
        try (ChildProcess child = ChildProcess.burner("20000");
                ChildProcess stat = ChildProcess.jvm(ChildProcess.INTERRUPTIBLE, System.getProperty("java.class.path"),
                        Saturn.class.getName(), "stat", "-p", String.valueOf(child.pid()), "--duration", "60s")) {
            java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(stat.process.getErrorStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            String counting = err.readLine();
            assertTrue(counting != null && counting.startsWith("saturn: counting process "), counting);
            Thread.sleep(1000);
            new ProcessBuilder("kill", "-INT", String.valueOf(stat.pid())).start().waitFor();
            assertTrue(stat.process.waitFor(20, TimeUnit.SECONDS), "saturn stat stopped on SIGINT");
            String out = stat.stdout();
            assertEquals(0, stat.process.exitValue(), stat.stderr());
            assertTrue(out.contains(" Stopped by Ctrl-C after "), out);
            assertTrue(out.matches("(?s).*\\n +[1-9]\\.\\d+ seconds time elapsed\\n.*"), "stopped after about 1 s, not 60: " + out);
            assertTrue(TASK_CLOCK.matcher(out).find(), out);
        }
    }

    @Test
    void aSleepingProcessCountsZeroNotUncounted() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            // asleep, not still starting (a loaded machine runs its exec and dynamic linking after start() returns)
            dev.saturn.testkit.Poll.untilTrue(java.time.Duration.ofSeconds(30), "sleep asleep", () -> {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + sleeper.pid() + "/stat"));
                return stat.contains("(sleep) S ");
            });
            // -d as perf stat and the other saturn commands with a duration take it
            CliRun run = CliRun.of("stat", "-p", String.valueOf(sleeper.pid()), "-d", "500ms");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("              0.00 msec task-clock "), run.out());
            assertTrue(run.out().contains("                 0      context-switches\n"), run.out());
            assertTrue(!run.out().contains("%)") && !run.out().contains("<not counted>"), run.out());
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aPidThatIsGoneIsOneLineThatSaysWhatToDo() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        CliRun run = CliRun.of("stat", "-p", String.valueOf(p.pid()));
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError(), run.err());
        assertEquals("saturn: no process with PID " + p.pid() + " (it has exited, or the PID is wrong: `pgrep NAME` finds it)",
                run.err().strip());
    }

    @Test
    void badDurationsAndAMissingPidAreUsageErrors() {
        for (String[] args : List.of(new String[] {"stat", "-p", "1", "--duration", "soon"},
                new String[] {"stat", "-p", "1", "--duration", "0s"}, new String[] {"stat"},
                new String[] {"stat", "-p", "java"})) {
            CliRun run = CliRun.of(args);
            assertEquals(2, run.exit(), String.join(" ", args));
            assertTrue(run.oneLineError(), run.err());
        }
        assertTrue(CliRun.of("stat", "-p", "1", "--duration", "soon").err().contains("is not a duration: give e.g. 500ms, 30s"));
    }
}
