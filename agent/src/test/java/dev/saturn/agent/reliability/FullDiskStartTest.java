package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Poll;
import dev.saturn.testkit.SmallDisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent (re)started on a full disk serves /metrics and /api/v1/use, says saturn_agent_history_writing 0
 * and why in its log, and starts writing by itself once space returns (systemd restarting an agent that
 * exited would leave up = 0 for the whole incident). Fresh: no history yet; restarted: a history from an
 * earlier run on the disk.
 */
class FullDiskStartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fresh", "restarted"})
    void anAgentStartedOnAFullDiskServesAndStartsWritingWhenSpaceReturns(String history) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), "16m", "anAgentStartedOnAFullDiskServesAndStartsWritingWhenSpaceReturns")) {
            Path data = Files.createDirectories(disk.mount.resolve("data"));
            if (history.equals("restarted")) {
                try (RunningAgent before = new RunningAgent(data, Duration.ofMillis(200))) {
                    before.awaitSamples(3);
                }
            }
            Path filler = disk.fill();
            try (RunningAgent agent = new RunningAgent(data, Duration.ofMillis(200))) {
                Poll.untilTrue(Duration.ofSeconds(30), "/metrics says history_writing 0",
                        () -> get(agent, "/metrics").contains("\nsaturn_agent_history_writing 0\n"));
                agent.awaitSamples(3);
                String metrics = get(agent, "/metrics");
                assertTrue(metrics.contains("\nsaturn_cpu_busy_ratio "), "figures served on a full disk: " + metrics);
                assertTrue(metrics.contains("\nsaturn_agent_history_writing 0\n"), metrics);
                if (history.equals("fresh")) {
                    HttpResponse<String> refused = send(agent, "/api/v1/profiles", null);
                    assertEquals(401, refused.statusCode());
                    assertTrue(refused.body().contains("in no file yet"), refused.body());
                }
                assertEquals("cpu", JSON.readTree(get(agent, "/api/v1/use")).path("resources").path(0).path("resource").asText());
                Poll.untilTrue(Duration.ofSeconds(30), "a log line saying why history is not written and what to do",
                        () -> agent.log().contains("free space in " + data));
                assertTrue(agent.log().contains("disk full"), agent.log());

                Files.delete(filler);
                Poll.untilTrue(Duration.ofSeconds(90), "history_writing 1 once space returned (retried every 10-30 s)",
                        () -> get(agent, "/metrics").contains("\nsaturn_agent_history_writing 1\n"));
                Poll.untilTrue(Duration.ofSeconds(30), "samples in /api/v1/history once space returned",
                        () -> reports(agent, "/api/v1/history?from=-30s").size() >= 3);
                assertTrue(agent.log().contains("history: writing again"), agent.log());
                // the profile routes' token: made once space returned (fresh), or the earlier run's (restarted)
                Path token = data.resolve("token");
                Poll.untilTrue(Duration.ofSeconds(60), "the token file written, and profiles served with its token",
                        () -> status(agent, "/api/v1/profiles", null) == 401 && Files.exists(token)
                                && status(agent, "/api/v1/profiles", Files.readString(token).strip()) == 200);
            }
        }
    }

    private static JsonNode reports(RunningAgent agent, String path) throws Exception {
        return JSON.readTree(get(agent, path)).path("reports");
    }

    private static String get(RunningAgent agent, String path) throws Exception {
        return send(agent, path, null).body();
    }

    private static int status(RunningAgent agent, String path, String token) throws Exception {
        return send(agent, path, token).statusCode();
    }

    private static HttpResponse<String> send(RunningAgent agent, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent.base() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
