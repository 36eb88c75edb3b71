package dev.saturn.agent.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import dev.saturn.profiling.ring.PerfRing;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ring of recent stacks on a real agent with real perf: a C program that burnt CPU in burn_before() and
 * ended before the trigger fired is in the profile's [before trigger] part; with the ring off no perf runs;
 * the agent records the ring itself (perf_event_open, no perf process); an agent killed with SIGKILL takes its perf
 * processes along when perf record is the recorder; a missing perf makes the ring unavailable, said.
 */
class RingTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    final List<Process> children = new ArrayList<>();
    RunningAgent agent;

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
        for (Process p : children) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void whatBurntBeforeTheTriggerIsInThePartBeforeIt() throws Exception {
        Needs.tools("perf", "gcc");
        Path burner = compileBurner();
        // fires 25 s of samples after the start, long after the burner has ended
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=0%for25s")),
                Duration.ofSeconds(1), Duration.ofMinutes(10), 50, 100L << 20, 99, "perf", false, RingSettings.DEFAULT);
        agent = new RunningAgent(dir, Duration.ofMillis(500), trigger);
        Poll.untilTrue(Duration.ofSeconds(60), "the ring runs", () -> ring().get("state").asText().equals("running")
                && ring().get("samples").asLong() > 0);
        assertEquals("perf_event_open", ring().get("recorder").asText(), "recorded by the agent's JVM: " + ring());
        assertEquals(List.of(), perfChildren(ProcessHandle.current()), "no perf process between triggers");
        // the ring records from its first second: the burner runs in the middle of the 25 s, well inside the 30 s kept
        agent.awaitSamples(16);

        Process burn = new ProcessBuilder(burner.toString(), "3").redirectErrorStream(true).start();
        children.add(burn);
        String cpu = new BufferedReader(new InputStreamReader(burn.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals(0, burn.waitFor());
        Instant burnEnded = Instant.now();
        double cpuSeconds = Double.parseDouble(cpu.strip());
        assertTrue(list().isEmpty(), "the trigger fired after the burner ended: " + list());

        JsonNode system = Poll.until(Duration.ofSeconds(90), "a system profile", () -> {
            for (JsonNode p : list()) {
                if (p.get("kind").asText().equals("system")) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        });
        assertTrue(Instant.parse(system.get("time").asText()).isAfter(burnEnded.minusSeconds(1)), system + " began after " + burnEnded);
        assertEquals(19, system.get("pre_trigger_hz").asInt(), system.toString());
        assertTrue(system.get("pre_trigger_s").asInt() >= 10, system.toString());
        assertTrue(system.get("pre_trigger_samples").asLong() > 0, system.toString());

        String folded = new String(get(system.get("folded_url").asText()).body(), StandardCharsets.UTF_8);
        long before = samples(folded, "[before trigger];", "burn_before");
        long after = samples(folded, "[after trigger];", "burn_before");
        // 19 samples a second of the CPU time it ran; at least half, on a machine that may drop some
        double expected = cpuSeconds * 19;
        assertTrue(before >= expected / 2, before + " samples of burn_before before the trigger, for " + cpuSeconds
                + " s of CPU (" + expected + " expected); log: " + agent.log());
        assertEquals(0, after, "the burner had ended when the trigger fired");
        assertTrue(folded.lines().allMatch(l -> l.startsWith("[before trigger];") || l.startsWith("[after trigger];")), "two roots");
        String svg = new String(get(system.get("url").asText()).body(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("[before trigger]") && svg.contains("[after trigger]"), "both parts are frames of the flame graph");
    }

    @Test
    void withTheRingOffNoPerfRuns() throws Exception {
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=100%for1h")),
                Duration.ofSeconds(1), Duration.ZERO, 50, 100L << 20, 99, "perf", false, RingSettings.OFF);
        agent = new RunningAgent(dir, Duration.ofMillis(200), trigger);
        agent.awaitSamples(10);
        assertEquals(List.of(), perfChildren(ProcessHandle.current()), "no perf child of this JVM");
        assertEquals("off", ring().get("state").asText());
        assertTrue(ring().get("reason").asText().contains("--no-ring"), ring().toString());
        assertTrue(agent.log().contains("no ring of recent stacks"), agent.log());
    }

    @Test
    void anAgentKilledWithSigkillTakesItsPerfAlong() throws Exception {
        Needs.tool("perf");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // perf record, the ring's recorder where the kernel refuses perf_event_open from the JVM
        Process child = new ProcessBuilder(java, "-D" + PerfRing.RECORDER_PROPERTY + "=perf-record", "-cp", System.getProperty("java.class.path"),
                RingAgentChild.class.getName(),
                dir.resolve("data").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(child);
        String ready = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(ready != null && ready.startsWith("ready"), String.valueOf(ready));
        ProcessHandle handle = child.toHandle();
        List<ProcessHandle> perf = Poll.until(Duration.ofSeconds(60), "the ring's perf record under the agent", () -> {
            List<ProcessHandle> p = perfChildren(handle);
            return p.isEmpty() ? Optional.empty() : Optional.of(p);
        });
        child.destroyForcibly().waitFor();
        Poll.untilTrue(Duration.ofSeconds(30), "the agent's perf processes end", () -> perf.stream().noneMatch(ProcessHandle::isAlive));
        for (ProcessHandle p : perf) {
            assertFalse(p.isAlive(), "perf " + p.pid() + " outlived its agent");
        }
    }

    @Test
    void aMissingPerfMakesTheRingUnavailableWithTheReason() throws Exception {
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=100%for1h")),
                Duration.ofSeconds(1), Duration.ZERO, 50, 100L << 20, 99, "/nonexistent/perf", false, RingSettings.DEFAULT);
        agent = new RunningAgent(dir, Duration.ofMillis(200), trigger);
        JsonNode ring = Poll.until(Duration.ofSeconds(30), "the ring unavailable", () -> {
            JsonNode r = ring();
            return r.get("state").asText().equals("unavailable") ? Optional.of(r) : Optional.empty();
        });
        assertTrue(ring.get("reason").asText().contains("perf not found at /nonexistent/perf"), ring.toString());
        agent.awaitSamples(5);
        assertEquals(1, TriggeredProfileTest.count(agent.log(), "ring of recent stacks is off"), "said once: " + agent.log());
        assertEquals(List.of(), perfChildren(ProcessHandle.current()));
    }

    /** perf processes below {@code parent}, whatever the depth. */
    static List<ProcessHandle> perfChildren(ProcessHandle parent) {
        return parent.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/perf")).orElse(false)).toList();
    }

    /** The samples of the folded lines under {@code root} that hold {@code frame}. */
    static long samples(String folded, String root, String frame) {
        long n = 0;
        Matcher m = Pattern.compile("(?m)^(.*) (\\d+)$").matcher(folded);
        while (m.find()) {
            if (m.group(1).startsWith(root) && m.group(1).contains(frame)) {
                n += Long.parseLong(m.group(2));
            }
        }
        return n;
    }

    /** A C program that spins in burn_before() for the seconds it is given and prints the CPU seconds it used. */
    Path compileBurner() throws Exception {
        Path source = dir.resolve("burn.c");
        Files.writeString(source, """
                #include <stdio.h>
                #include <stdlib.h>
                #include <time.h>
                volatile unsigned long sink;
                __attribute__((noinline)) void burn_before(double seconds) {
                    struct timespec s, n;
                    clock_gettime(CLOCK_MONOTONIC, &s);
                    do {
                        for (int i = 0; i < 100000; i++) sink += i;
                        clock_gettime(CLOCK_MONOTONIC, &n);
                    } while ((n.tv_sec - s.tv_sec) + (n.tv_nsec - s.tv_nsec) / 1e9 < seconds);
                }
                int main(int argc, char **argv) {
                    burn_before(atof(argv[1]));
                    printf("%f\\n", (double) clock() / CLOCKS_PER_SEC);
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

    JsonNode ring() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/profiles");
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body()).get("ring");
    }

    JsonNode list() throws Exception {
        return JSON.readTree(get("/api/v1/profiles").body()).get("profiles");
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(agent.base() + path)).header("Authorization", "Bearer " + agent.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
