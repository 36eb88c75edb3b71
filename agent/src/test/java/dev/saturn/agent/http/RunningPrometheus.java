package dev.saturn.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.testkit.Needs;
import java.io.IOException;
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
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Prometheus (the Debian package's) scraping one target without a token, and its query API, for tests. */
final class RunningPrometheus implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    private final int port;

    RunningPrometheus(Path dir, int targetPort, Duration scrapeInterval) throws Exception {
        Path binary = Needs.tool("prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: %ds
                  scrape_timeout: %ds
                scrape_configs:
                  - job_name: saturn
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(scrapeInterval.toSeconds(), Math.min(scrapeInterval.toSeconds(), 10), targetPort));
        port = freePort();
        log = dir.resolve("prometheus.log");
        process = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The result array of an instant query; fails the test if Prometheus exited. */
    JsonNode query(String promql) throws Exception {
        if (!process.isAlive()) {
            throw new AssertionError("prometheus exited: " + Files.readString(log));
        }
        String url = "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IOException(promql + ": " + response.body());
        }
        return body.path("data").path("result");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
