package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Needs;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (the Debian package's /usr/bin/prometheus) scrapes a real agent every second through its
 * bearer token, the way docs/operations.md configures a fleet; PromQL reads saturn's figures back and they are
 * the agent's own, sample for sample.
 */
class PrometheusScrapeTest {
    private static final String TOKEN = "prometheus-test-token-0123456789";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Process prometheus;
    private RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void prometheusScrapesTheAgentAndPromqlReturnsItsFigures() throws Exception {
        Path prometheusBinary = Needs.tool("prometheus");
        agent = new RunningAgent(Files.createDirectory(tmp.resolve("data")), Duration.ofMillis(500), TOKEN, Clock.systemUTC());
        Path token = tmp.resolve("token");
        Files.writeString(token, TOKEN);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: saturn
                    authorization:
                      credentials_file: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(token, agent.port()));
        int port = freePort();
        Path log = tmp.resolve("prometheus.log");
        prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + tmp.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/query?query=";

        // Both series of one query come from one scrape: the figure and the timestamp of the report it belongs to.
        String query = "{job=\"saturn\",__name__=~\"saturn_memory_used_ratio|saturn_use_timestamp_seconds\"}";
        Map<String, Double> values = new HashMap<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (values.size() < 2 && System.nanoTime() < deadline) {
            assertTrue(prometheus.isAlive(), "prometheus exited: " + Files.readString(log));
            values.clear();
            try {
                JsonNode r = JSON.readTree(get(api + URLEncoder.encode(query, StandardCharsets.UTF_8)));
                for (JsonNode series : r.path("data").path("result")) {
                    values.put(series.get("metric").get("__name__").asText(), series.get("value").get(1).asDouble());
                    assertEquals("127.0.0.1:" + agent.port(), series.get("metric").get("instance").asText());
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            if (values.size() < 2) {
                Thread.sleep(250);
            }
        }
        assertEquals(2, values.size(), "PromQL answered within 30 s: " + values + "\nprometheus log:\n" + Files.readString(log));

        Instant sampled = Instant.ofEpochMilli(Math.round(values.get("saturn_use_timestamp_seconds") * 1000));
        JsonNode history = JSON.readTree(agentGet("/api/v1/history?at=" + sampled));
        JsonNode report = history.get("reports").get(0);
        assertEquals(sampled.toString(), report.get("timestamp").asText(), "the agent's history holds the scraped sample");
        double usedPct = 0;
        for (JsonNode row : report.get("resources")) {
            if (row.get("resource").asText().equals("memory")) {
                usedPct = row.get("metrics").get("used_pct").asDouble();
            }
        }
        // history keeps three decimals of the percentage
        assertEquals(usedPct / 100, values.get("saturn_memory_used_ratio"), 0.0000051, "memory used, as a ratio, of that sample");

        JsonNode up = JSON.readTree(get(api + URLEncoder.encode("up{job=\"saturn\"}", StandardCharsets.UTF_8)));
        assertEquals("1", up.get("data").get("result").get(0).get("value").get(1).asText(), "the scrape target is up");
    }

    private String agentGet(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(agent.base() + path)).header("Authorization", "Bearer " + TOKEN).build();
        HttpResponse<String> response = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String get(String url) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        return CLIENT.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
