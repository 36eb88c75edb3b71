package dev.saturn.profiling.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.proc.ProcessSample;
import dev.saturn.collectors.proc.ProcessTable;
import dev.saturn.collectors.proc.ProcessTableReader;
import dev.saturn.profiling.ProfileEvent;
import dev.saturn.testkit.LoadProgram;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile that fits each resource, chosen from live process tables while real loads run: the process writing
 * with O_DIRECT for a disk finding (off CPU), the process growing for a memory finding (page faults), every CPU for
 * a CPU finding.
 */
class DrillPlansTest {
    private static final Duration WINDOW = Duration.ofMillis(700);

    @TempDir
    static Path tmp;
    static Path load;

    @BeforeAll
    static void compile() throws Exception {
        Needs.tools("gcc");
        load = LoadProgram.compile(tmp);
    }

    @Test
    void aDiskFindingRecordsTimeOffCpuOfTheProcessThatWrites() throws Exception {
        // on disk, not tmpfs (O_DIRECT): target/ of this module
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "drill-");
        Path file = dir.resolve("load.dat");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        Process writer = LoadProgram.start(load, "write", file.toString());
        try {
            DrillPlan plan = Poll.until(Duration.ofSeconds(60), "a disk plan naming the writer " + writer.pid(),
                    () -> Optional.of(plan("disk", "vda")).filter(p -> p.pids().contains(writer.pid())));
            assertEquals(ProfileEvent.OFFCPU, plan.event());
            assertTrue(plan.why().startsWith("disk vda: time blocked on I/O (off CPU in state D) of the processes that read and wrote most"), plan.why());
            assertTrue(plan.processes().size() <= DrillPlans.MAX_PROCESSES, plan.toString());
            assertTrue(plan.target().contains(writer.pid() + " load"), plan.target());
            assertEquals("D", plan.collapse().blockedStates(), "only the time blocked on I/O, not idle threads' waits for work");
        } finally {
            writer.destroyForcibly().waitFor();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aMemoryFindingRecordsPageFaultsOfTheProcessThatGrows() throws Exception {
        Process grower = LoadProgram.start(load, "grow", "64");
        try {
            DrillPlan plan = Poll.until(Duration.ofSeconds(60), "a memory plan naming the grower " + grower.pid(),
                    () -> Optional.of(plan("memory", null)).filter(p -> p.pids().contains(grower.pid())));
            assertEquals(ProfileEvent.PAGE_FAULTS, plan.event());
            assertTrue(plan.why().startsWith("memory: page faults of the processes whose memory grew"), plan.why());
            String figure = plan.processes().stream().filter(p -> p.pid() == grower.pid()).findFirst().orElseThrow().figure();
            assertTrue(figure.matches("resident memory \\+[0-9.]+ MB/s"), figure);
        } finally {
            grower.destroyForcibly().waitFor();
        }
    }

    @Test
    void aCpuFindingRecordsEveryCpu() throws Exception {
        DrillPlan plan = plan("cpu", null);
        assertEquals(ProfileEvent.CPU, plan.event());
        assertTrue(plan.systemWide());
        assertEquals("every CPU", plan.target());
    }

    @Test
    void withoutAProcessThatFitsItRecordsEveryCpuAndSaysWhy() {
        ProcessTable quiet = table(List.of(new ProcessSample(1, "init", 'S', 10)));
        DrillPlan disk = DrillPlans.of("disk", "vda", quiet, quiet, 1.0);
        assertEquals(ProfileEvent.CPU, disk.event());
        assertEquals("disk vda: no process read, wrote or waited on block I/O in the 1.0 s window, so CPU samples of every CPU", disk.why());
        DrillPlan memory = DrillPlans.of("memory", null, quiet, quiet, 1.0);
        assertEquals(ProfileEvent.CPU, memory.event());
        assertTrue(memory.why().startsWith("memory: no process grew or faulted pages in during the 1.0 s window"), memory.why());
    }

    @Test
    void aProcessBlockedOnIoIsChosenWhenNoneMovedBytes() {
        ProcessTable before = table(List.of(new ProcessSample(7, "fsck", 'D', 10)));
        DrillPlan plan = DrillPlans.of("io", null, before, before, 1.0);
        assertEquals(ProfileEvent.OFFCPU, plan.event());
        assertEquals(List.of(7L), plan.pids());
        assertEquals("io: time blocked on I/O (off CPU in state D) of the processes in uninterruptible sleep: 7 fsck (in uninterruptible sleep)", plan.why());
    }

    @Test
    void aProcessWithATenthOfTheFirstsFigureIsLeftOut() {
        ProcessTable before = table(List.of(new ProcessSample(1, "big", 'S', 10, 0, 1, 100L << 20, 5, 0, 0, null),
                new ProcessSample(2, "small", 'S', 10, 0, 1, 100L << 20, 5, 0, 0, null)));
        ProcessTable after = table(List.of(new ProcessSample(1, "big", 'S', 10, 0, 1, 200L << 20, 5, 0, 0, null),
                new ProcessSample(2, "small", 'S', 10, 0, 1, 105L << 20, 5, 0, 0, null)));
        DrillPlan plan = DrillPlans.of("memory", null, before, after, 1.0);
        assertEquals(List.of(1L), plan.pids(), "grew 100 MiB, and 5 MiB: only the first, " + plan);
    }

    private static DrillPlan plan(String resource, String device) throws InterruptedException {
        HostPaths live = HostPaths.liveHost();
        ProcessTable before = ProcessTableReader.read(live).value();
        Thread.sleep(WINDOW.toMillis()); // the window the rates are measured over, as pidstat's interval
        ProcessTable after = ProcessTableReader.read(live).value();
        return DrillPlans.of(resource, device, before, after, WINDOW.toMillis() / 1000.0);
    }

    private static ProcessTable table(List<ProcessSample> processes) {
        return new ProcessTable(processes, Reading.of(Map.of()), Reading.of(true));
    }
}
