package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.CpuTime;
import dev.saturn.testkit.Poll;
import dev.saturn.testkit.SmallDisk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** saturn jfr start|dump|stop against a real child JVM, and its errors. */
class JfrCommandTest {
    @TempDir
    Path dir;

    private final Children children = new Children();

    @AfterEach
    void stopChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void startDumpStopGivesRecordingsWithTheBurnersSamples() throws Exception {
        Process jvm = children.jvm("cpu");
        String pid = Long.toString(jvm.pid());
        CliRun start = CliRun.of("jfr", "start", "-p", pid, "--settings", "profile");
        assertEquals(0, start.exit(), start.err());
        assertTrue(start.out().contains("Started recording"), start.out());
        assertTrue(start.err().contains("saturn jfr dump -p " + pid), start.err());

        Duration cpuAtStart = CpuTime.ofThreads(jvm.pid(), "saturn-burner");
        Poll.untilTrue(Duration.ofSeconds(60), "the burner to run 0.5 s on a CPU while recorded",
                () -> CpuTime.ofThreads(jvm.pid(), "saturn-burner").minus(cpuAtStart).toMillis() >= 500);
        Path dump = dir.resolve("dump.jfr");
        CliRun dumped = CliRun.of("jfr", "dump", "-p", pid, "-o", dump.toString());
        assertEquals(0, dumped.exit(), dumped.err());
        assertTrue(samplesIn(dump, "JavaBurner.burnCpu") > 0, "execution samples of the burner in the dump");

        Path last = dir.resolve("last.jfr");
        CliRun stop = CliRun.of("jfr", "stop", "-p", pid, "-o", last.toString());
        assertEquals(0, stop.exit(), stop.err());
        assertTrue(Files.size(last) > 0);

        CliRun again = CliRun.of("jfr", "stop", "-p", pid);
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.oneLineError() && again.err().contains("Could not stop recording \"saturn\""), again.err());
    }

    /**
     * The file a 1 s recording writes when it ends holds about one sample of the burner per 20 ms of its CPU time
     * (default.jfc samples a running Java thread every 20 ms): a quarter of that at least, however busy the machine.
     */
    @Test
    void aDumpOnAFullDiskLeavesNoEmptyFileAndSaysSoInOneLine() throws Exception {
        try (SmallDisk disk = SmallDisk.full(dir.resolve("small"), "aDumpOnAFullDiskLeavesNoEmptyFileAndSaysSoInOneLine")) {
            Process jvm = children.jvm("cpu");
            String pid = Long.toString(jvm.pid());
            assertEquals(0, CliRun.of("jfr", "start", "-p", pid).exit());
            Path file = disk.mount.resolve("app.jfr");
            CliRun dump = CliRun.of("jfr", "dump", "-p", pid, "-o", file.toString());
            assertEquals(2, dump.exit(), dump.err());
            assertTrue(dump.oneLineError(), dump.err());
            assertTrue(dump.err().startsWith("saturn: cannot write " + file + ": No space left on device"), dump.err());
            assertFalse(Files.exists(file), "no empty recording left behind");
            Path elsewhere = dir.resolve("app.jfr");
            assertEquals(0, CliRun.of("jfr", "dump", "-p", pid, "-o", elsewhere.toString()).exit(), "the recording went on");
            assertTrue(Files.size(elsewhere) > 0);
        }
    }

    @Test
    void aNamedRecordingWithADurationWritesItsFileWhenItEnds() throws Exception {
        Process jvm = children.jvm("cpu");
        Path file = dir.resolve("timed.jfr");
        CliRun start = CliRun.of("jfr", "start", "-p", Long.toString(jvm.pid()), "-n", "timed", "-d", "1s", "-o", file.toString());
        assertEquals(0, start.exit(), start.err());
        Duration cpuAtStart = CpuTime.ofThreads(jvm.pid(), "saturn-burner");
        List<RecordedEvent> events = Poll.until(Duration.ofSeconds(60), "the recording's file " + file,
                () -> Files.exists(file) ? Optional.of(RecordingFile.readAllEvents(file)) : Optional.empty());
        long cpuMillis = CpuTime.ofThreads(jvm.pid(), "saturn-burner").minus(cpuAtStart).toMillis();
        long samples = samples(events, "JavaBurner.burnCpu");
        long floor = Math.max(1, cpuMillis / 20 / 4);
        assertTrue(samples >= floor, samples + " samples of burnCpu for its " + cpuMillis + " ms of CPU while recorded; want >= " + floor);
        Instant first = events.stream().map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
        Instant last = events.stream().map(RecordedEvent::getEndTime).max(Instant::compareTo).orElseThrow();
        assertTrue(Duration.between(first, last).toMillis() < 3000, "ended by its 1 s duration: events from " + first + " to " + last);
    }

    @Test
    void errorsAreOneLineThatSayWhatToDo() throws Exception {
        Process sleep = children.sleep();
        CliRun notJvm = CliRun.of("jfr", "start", "-p", Long.toString(sleep.pid()));
        assertEquals(2, notJvm.exit());
        assertTrue(notJvm.oneLineError() && notJvm.err().contains("(sleep) is not a JVM"), notJvm.err());

        long gone = Children.exitedPid();
        CliRun goneRun = CliRun.of("jfr", "dump", "-p", Long.toString(gone), "-o", dir.resolve("x.jfr").toString());
        assertEquals(2, goneRun.exit());
        assertTrue(goneRun.oneLineError() && goneRun.err().contains("is gone"), goneRun.err());

        CliRun noDir = CliRun.of("jfr", "dump", "-p", Long.toString(sleep.pid()), "-o", dir.resolve("no/x.jfr").toString());
        assertEquals(2, noDir.exit());
        assertTrue(noDir.oneLineError() && noDir.err().contains("no such directory"), noDir.err());

        CliRun noPid = CliRun.of("jfr", "dump", "-o", "x.jfr");
        assertEquals(2, noPid.exit());
        assertTrue(noPid.err().contains("--pid"), noPid.err());
    }

    @Test
    void aSecondRecordingOfTheSameNameIsRefused() throws Exception {
        Process jvm = children.jvm("cpu");
        String pid = Long.toString(jvm.pid());
        assertEquals(0, CliRun.of("jfr", "start", "-p", pid, "-n", "dup").exit());
        // the JVM would start a second "dup" that dump and stop could not reach
        CliRun again = CliRun.of("jfr", "start", "-p", pid, "-n", "dup");
        assertEquals(2, again.exit(), again.err());
        assertTrue(again.oneLineError() && again.err().contains("already has a recording named dup"), again.err());
        assertEquals(0, CliRun.of("jfr", "stop", "-p", pid, "-n", "dup").exit());

        CliRun noJfc = CliRun.of("jfr", "start", "-p", pid, "-n", "other", "-s", "missing.jfc");
        assertEquals(2, noJfc.exit(), noJfc.err());
        // was the JVM's "Could not parse settings file 'missing.jfc'", looked up in the JVM's own directory
        assertEquals("saturn: --settings missing.jfc: no such file; give default, profile or a .jfc file "
                + "(`jfr configure` writes one)\n", noJfc.err());

        CliRun spaced = CliRun.of("jfr", "start", "-p", pid, "-n", "a b");
        assertEquals(2, spaced.exit(), spaced.err());
        assertEquals("saturn: --name 'a b': a recording's name is one word (no spaces, '=' or ','), e.g. --name leak\n", spaced.err());
    }

    @Test
    void stoppingARecordingWhoseDurationEndedIsAnErrorAndLeavesNoEmptyFile() throws Exception {
        Process jvm = children.jvm("cpu");
        String pid = Long.toString(jvm.pid());
        assertEquals(0, CliRun.of("jfr", "start", "-p", pid, "-n", "timed", "-d", "1s").exit());
        Poll.untilTrue(Duration.ofSeconds(60), "the 1 s recording to stop", () -> jcmd(pid, "JFR.check", "name=timed").contains("(stopped)"));
        Path file = dir.resolve("late.jfr");
        CliRun stop = CliRun.of("jfr", "stop", "-p", pid, "-n", "timed", "-o", file.toString());
        assertEquals(2, stop.exit(), stop.out() + stop.err());
        assertTrue(stop.oneLineError() && stop.err().contains("has already stopped (its --duration ended)")
                && stop.err().contains("saturn jfr dump -p " + pid + " -n timed -o FILE"), stop.err());
        assertFalse(Files.exists(file), "the JVM's empty file would pass for a recording");
        CliRun restart = CliRun.of("jfr", "start", "-p", pid, "-n", "timed");
        assertEquals(2, restart.exit(), restart.err());
        assertTrue(restart.oneLineError() && restart.err().contains("holds a finished recording named timed"), restart.err());
    }

    @Test
    void aThreadIdOrSaturnItselfIsNamedAsSuch() throws Exception {
        Process jvm = children.jvm("cpu");
        String thread;
        try (var tasks = Files.list(Path.of("/proc/" + jvm.pid() + "/task"))) {
            thread = tasks.map(t -> t.getFileName().toString()).filter(t -> !t.equals(Long.toString(jvm.pid()))).findFirst().orElseThrow();
        }
        long start = System.nanoTime();
        CliRun run = CliRun.of("jfr", "start", "-p", thread);
        assertEquals(2, run.exit(), run.err());
        // was a 10 s wait for the attach, then advice about users and -XX:+DisableAttachMechanism
        assertTrue(run.oneLineError() && run.err().contains(" of process " + jvm.pid() + ": give -p " + jvm.pid()), run.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "answered without trying to attach");
        CliRun self = CliRun.of("jfr", "start", "-p", Long.toString(ProcessHandle.current().pid()));
        assertEquals(2, self.exit(), self.err());
        assertTrue(self.oneLineError() && self.err().contains("is saturn itself"), self.err());
    }

    @Test
    void aRelativeSettingsFileIsReadFromWhereSaturnRuns() throws Exception {
        // the JVM works elsewhere (user.dir is what it resolves a relative name against): it must be given the absolute path
        Process jvm = children.jvm("cpu", "-Duser.dir=" + dir);
        Path jfc = Path.of("target/saturn-test-settings.jfc");
        Files.copy(Path.of("../flamegraph/src/test/resources/jfr/stacks.jfc"), jfc, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            CliRun start = CliRun.of("jfr", "start", "-p", Long.toString(jvm.pid()), "-n", "relative", "-s", jfc.toString());
            assertEquals(0, start.exit(), start.err());
            assertTrue(start.out().contains("Started recording"), start.out());
        } finally {
            Files.delete(jfc);
        }
    }

    @Test
    void aJvmWithAttachDisabledIsRefused() throws Exception {
        Process jvm = children.jvm("cpu", "-XX:+DisableAttachMechanism");
        CliRun run = CliRun.of("jfr", "start", "-p", Long.toString(jvm.pid()));
        assertEquals(2, run.exit());
        assertTrue(run.oneLineError() && run.err().contains("-XX:+DisableAttachMechanism"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    private static String jcmd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static long samplesIn(Path jfr, String frame) throws Exception {
        return samples(RecordingFile.readAllEvents(jfr), frame);
    }

    private static long samples(List<RecordedEvent> events, String frame) {
        long n = 0;
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null
                    && e.getStackTrace().getFrames().stream().anyMatch(f -> (f.getMethod().getType().getName() + "." + f.getMethod().getName()).contains(frame))) {
                n++;
            }
        }
        return n;
    }
}
