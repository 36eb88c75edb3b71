package dev.saturn.profiling.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.CpuTime;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ring recorded by this JVM through perf_event_open, no perf process running, read back by the installed perf
 * script: a C program that ran before the ring started (named from /proc when the ring first sampled it) and one
 * that started and ended while the ring ran (named by the kernel's own events) both have their functions under
 * [before trigger].
 */
class PerfRingTest {
    @TempDir
    Path dir;
    final List<Process> children = new ArrayList<>();
    PerfRing ring;

    @AfterEach
    void stop() throws InterruptedException {
        if (ring != null) {
            ring.close();
        }
        for (Process p : children) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void programsSampledByThisJvmAreNamedByPerfScriptBeforeTheTrigger() throws Exception {
        Needs.tools("perf", "gcc");
        Needs.root("sampling every CPU");
        Path burner = compile();
        Process older = new ProcessBuilder(burner.toString(), "spin_from_before", "600").redirectErrorStream(true).start();
        children.add(older);
        assertEquals("ready", firstLine(older));

        List<String> log = new ArrayList<>();
        ring = new PerfRing("perf", 30, 19, line -> {
            synchronized (log) {
                log.add(line);
            }
        }).start();
        Poll.untilTrue(Duration.ofSeconds(60), "the ring records", () -> ring.status().state() == PerfRing.State.RUNNING
                && ring.status().samples() > 0);
        assertEquals(PerfRing.PERF_EVENT_OPEN, ring.recorder(), "recorded by the JVM: " + log);
        assertEquals(List.of(), ring.status().perfPids());
        assertEquals(List.of(), perfBelow(ProcessHandle.current()), "no perf process while the ring records");
        Duration olderFrom = CpuTime.ofProcess(older.pid());

        Process newer = new ProcessBuilder(burner.toString(), "spin_while_ringed", "3").redirectErrorStream(true).start();
        children.add(newer);
        BufferedReader said = new BufferedReader(new InputStreamReader(newer.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", said.readLine());
        double newerSeconds = Double.parseDouble(said.readLine().strip());
        assertEquals(0, newer.waitFor());
        // the whole second after the newer program ended, so that its last samples are in the part
        long boundary = System.nanoTime() + 1_000_000_000L;
        Poll.untilTrue(Duration.ofSeconds(10), "the boundary's second", () -> System.nanoTime() > boundary + 1_500_000_000L);
        Duration olderCpu = CpuTime.ofProcess(older.pid()).minus(olderFrom);

        Map<String, Long> folded = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        RingSlice slice = ring.before(boundary, (stack, weight) -> folded.merge(stack, weight, Long::sum), "[before trigger]",
                warnings::add);
        assertTrue(slice.seconds() >= 5, slice.toString());
        assertEquals(List.of(), perfBelow(ProcessHandle.current()), "perf script has ended");

        assertTrue(folded.keySet().stream().allMatch(s -> s.startsWith("[before trigger];")), "one root");
        long newerSamples = samples(folded, "burn;", "spin_while_ringed");
        assertTrue(newerSamples >= newerSeconds * 19 / 2, newerSamples + " samples of spin_while_ringed for " + newerSeconds
                + " s of CPU at 19 Hz; stacks: " + top(folded));
        long olderSamples = samples(folded, "burn;", "spin_from_before");
        double olderExpected = Math.min(olderCpu.toMillis() / 1000.0, slice.seconds()) * 19 / 2;
        assertTrue(olderSamples > 0 && olderSamples >= olderExpected / 2, olderSamples + " samples of spin_from_before for "
                + olderCpu + " of CPU during the ring; stacks: " + top(folded));
    }

    /** Samples of the stacks under the program's name that hold {@code frame}. */
    static long samples(Map<String, Long> folded, String comm, String frame) {
        return folded.entrySet().stream().filter(e -> e.getKey().contains(comm) && e.getKey().contains(frame))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static String top(Map<String, Long> folded) {
        return folded.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).toList().toString();
    }

    static List<ProcessHandle> perfBelow(ProcessHandle parent) {
        return parent.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/perf")).orElse(false)).toList();
    }

    static String firstLine(Process p) throws Exception {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    /**
     * burn FUNCTION SECONDS: says "ready", spins in the function named for that CPU time, then prints the CPU seconds
     * it used.
     */
    Path compile() throws Exception {
        Path source = dir.resolve("burn.c");
        Files.writeString(source, """
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                #include <time.h>
                volatile unsigned long sink;
                static double cpu(void) { return (double) clock() / CLOCKS_PER_SEC; }
                __attribute__((noinline)) void spin(double seconds) {
                    while (cpu() < seconds) {
                        for (int i = 0; i < 100000; i++) sink += i;
                    }
                }
                __attribute__((noinline)) void spin_from_before(double seconds) { spin(seconds); sink++; }
                __attribute__((noinline)) void spin_while_ringed(double seconds) { spin(seconds); sink++; }
                int main(int argc, char **argv) {
                    printf("ready\\n");
                    fflush(stdout);
                    if (strcmp(argv[1], "spin_from_before") == 0) spin_from_before(atof(argv[2]));
                    else spin_while_ringed(atof(argv[2]));
                    printf("%f\\n", cpu());
                    return 0;
                }
                """);
        Path binary = dir.resolve("burn");
        Process gcc = new ProcessBuilder("gcc", "-O1", "-fno-omit-frame-pointer", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), out);
        return binary;
    }
}
