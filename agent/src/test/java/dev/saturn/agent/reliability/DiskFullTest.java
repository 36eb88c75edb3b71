package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.testkit.Poll;
import dev.saturn.testkit.SmallDisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk stops history writes with one logged line while /metrics keeps serving; writing
 * resumes by itself when space returns. The disk: a 16 MB tmpfs, filled by a file.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskStopsHistoryWritesButNotMetricsAndWritingResumes() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), "16m", "aFullDiskStopsHistoryWritesButNotMetricsAndWritingResumes");
                RunningAgent agent = new RunningAgent(disk.mount.resolve("data"), Duration.ofMillis(200))) {
            agent.awaitSamples(3);
            Path filler = disk.fill();
            waitForLog(agent, "history: writes stopped: ");
            long samplesWhileFull = agent.agent.latest().samples();
            agent.awaitSamples(5);
            String metrics = get(agent, "/metrics");
            assertTrue(metrics.contains("\nsaturn_agent_history_writing 0\n"), metrics);
            assertTrue(metrics.contains("saturn_cpu_busy_ratio "), "figures keep coming while the disk is full");
            assertTrue(agent.agent.latest().samples() >= samplesWhileFull + 5);
            assertEquals(1, count(agent.log(), "writes stopped"), "one line for the whole outage: " + agent.log());
            assertTrue(agent.log().contains("disk full"), agent.log());

            Files.delete(filler);
            waitForLog(agent, "history: writing again");
            Instant resumed = Instant.now();
            agent.awaitSamples(5);
            assertTrue(get(agent, "/metrics").contains("\nsaturn_agent_history_writing 1\n"));
            // samples are written in batches, every 4 s of samples
            Poll.untilTrue(Duration.ofSeconds(30), "samples stored after space returned", () -> {
                try (HistoryReader reader = HistoryReader.open(disk.mount.resolve("data"))) {
                    return reader.count(resumed, Instant.now().plusSeconds(1)) >= 4;
                }
            });
        }
    }

    private static void waitForLog(RunningAgent agent, String line) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!agent.log().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' in the log within 20 s: " + agent.log());
            }
            Thread.sleep(100);
        }
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    static String get(RunningAgent agent, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
