package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Needs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's HTTP face against a real agent sampling this host. */
class AgentHttpTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static RunningAgent agent;

    @BeforeAll
    static void start() throws Exception {
        agent = new RunningAgent(dir, Duration.ofMillis(250));
        agent.awaitSamples(3);
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agent.base() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void metricsCarryEveryFigureWithResourceAndDeviceLabelsAndEachCellsStatus() throws Exception {
        HttpResponse<byte[]> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String text = body(r);
        assertTrue(text.contains("# TYPE saturn_cpu_busy_ratio gauge\n"), text);
        assertTrue(text.matches("(?s).*\nsaturn_cpu_busy_ratio [0-9.]+\n.*"), text);
        assertTrue(text.contains("saturn_use_status{resource=\"cpu\",cell=\"utilization\",metric=\"busy_pct\"} "), text);
        assertTrue(text.contains("saturn_filesystem_used_ratio{device=\"/\"} "), text);
        assertTrue(text.contains("saturn_network_rx_bytes_per_second{device=\"lo\"} "), text);
        assertTrue(text.matches("(?s).*\nsaturn_agent_samples_total [1-9][0-9]*\n.*"), text);
        double busy = Double.parseDouble(text.replaceAll("(?s).*\nsaturn_cpu_busy_ratio ([0-9.eE-]+)\n.*", "$1"));
        assertTrue(busy >= 0 && busy <= 1, "busy ratio within 0..1: " + busy);
        assertFalse(text.contains("NaN"), "unavailable figures are absent, not NaN");
    }

    @Test
    void metricsPassPromtoolCheckMetrics() throws Exception {
        String text = body(get("/metrics"));
        Process p = new ProcessBuilder(Needs.tool("promtool").toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        // 3: the page parses, with lint complaints; 1 would be a page that does not parse.
        assertTrue(p.exitValue() == 0 || p.exitValue() == 3, "promtool check metrics: " + out);
        for (String complaint : out.strip().lines().toList()) {
            assertTrue(complaint.startsWith("node_") && complaint.endsWith("should be written in 'snake_case' not 'camelCase'"),
                    "saturn's families follow the naming guide; only node_exporter's own names (node_memory_MemTotal_bytes) do not: "
                            + complaint);
        }
        assertTrue(out.contains("node_memory_MemTotal_bytes"), "the node_exporter name is exported as node_exporter spells it: " + out);
    }

    @Test
    void metricsAreGzippedWhenAskedAndTheSameWhenUnpacked() throws Exception {
        HttpResponse<byte[]> r = get("/metrics", "Accept-Encoding", "gzip");
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        String text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(text.startsWith("# HELP saturn_build_info"), text);
        assertTrue(r.body().length * 3 < text.length(), "compressed " + r.body().length + " of " + text.length());
    }

    @Test
    void everyScrapeAfterANewSampleShowsItsCountersPlainOrGzipped() throws Exception {
        for (int round = 0; round < 3; round++) {
            String plain = body(get("/metrics"));
            long samples = samplesTotal(plain);
            agent.awaitSamples((int) samples + 1);
            String next = body(get("/metrics"));
            String gzipped;
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(get("/metrics", "Accept-Encoding", "gzip").body()))) {
                gzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(samplesTotal(next) > samples, "a new sample counted: " + samples + " then " + samplesTotal(next));
            assertTrue(samplesTotal(gzipped) >= samplesTotal(next), "the gzipped page is no older than the plain one before it");
            assertFalse(next.substring(0, next.indexOf("saturn_agent_samples_total")).equals(
                    plain.substring(0, plain.indexOf("saturn_agent_samples_total"))), "a new sample's figures, not the last one's");
        }
    }

    static long samplesTotal(String metrics) {
        return Long.parseLong(metrics.replaceAll("(?s).*\nsaturn_agent_samples_total ([0-9]+)\n.*", "$1"));
    }

    @Test
    void apiUseIsTheJsonContractOfTheLatestReport() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/use");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode report = JSON.readTree(r.body());
        for (String key : new String[] {"host", "kernel", "cpus", "interval_s", "timestamp", "resources", "findings", "top_processes"}) {
            assertTrue(report.has(key), key + " in " + report);
        }
        assertEquals("cpu", report.get("resources").get(0).get("resource").asText());
        assertTrue(report.get("resources").get(0).get("utilization").has("status"));
    }

    @Test
    void apiHistoryReturnsTheWindowAndRefusesTooWideOrUnreadableOnes() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/history?from=-1m&to=now");
        assertEquals(200, r.statusCode(), body(r));
        JsonNode root = JSON.readTree(r.body());
        assertTrue(root.get("reports").size() >= 3, body(r));
        assertEquals("cpu", root.get("reports").get(0).get("resources").get(0).get("resource").asText());
        JsonNode at = JSON.readTree(get("/api/v1/history?at=now").body());
        assertEquals(1, at.get("reports").size());
        HttpResponse<byte[]> wide = get("/api/v1/history?from=-40d");
        assertEquals(400, wide.statusCode());
        assertTrue(body(wide).contains("longer than 31 days"), body(wide));
        HttpResponse<byte[]> bad = get("/api/v1/history?from=yesterday-ish");
        assertEquals(400, bad.statusCode());
        assertTrue(body(bad).contains("cannot read 'yesterday-ish' as a time"), body(bad));
        HttpResponse<byte[]> fine = get("/api/v1/history?from=-1m&step=500ms");
        assertEquals(200, fine.statusCode(), body(fine));
        assertEquals(200, get("/api/v1/history?from=-1h30m&step=1h30m").statusCode());
        String soon = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()).format(Instant.now().plusSeconds(240));
        HttpResponse<byte[]> untilNow = get("/api/v1/history?from=-1m&to=" + soon);
        assertEquals(200, untilNow.statusCode(), "to=" + soon + " still to come: " + body(untilNow));
        assertTrue(JSON.readTree(untilNow.body()).get("reports").size() >= 3, body(untilNow));
        HttpResponse<byte[]> badStep = get("/api/v1/history?from=-1m&step=10x");
        assertEquals(400, badStep.statusCode());
        assertTrue(body(badStep).contains("step: '10x' is not a duration: give e.g. 500ms"), body(badStep));
        assertEquals(400, get("/api/v1/history?from=-1m&from=-2m").statusCode());
        assertEquals(400, get("/api/v1/history?file=/etc/passwd").statusCode());
    }

    @Test
    void everyEndpointIsReadOnly() throws Exception {
        for (String path : new String[] {"/", "/metrics", "/api/v1/use", "/api/v1/history"}) {
            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
                HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(agent.base() + path))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElse(""));
            }
        }
        HttpResponse<Void> head = CLIENT.send(HttpRequest.newBuilder(URI.create(agent.base() + "/metrics"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void requestsAreBoundedAndNoPathReachesTheFileSystem() throws Exception {
        assertEquals("HTTP/1.1 404", raw("GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertEquals("HTTP/1.1 404", raw("GET /metrics/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertEquals("HTTP/1.1 404", raw("GET /dev/saturn/agent/http/dashboard.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertEquals("HTTP/1.1 404", raw("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertEquals("HTTP/1.1 414", raw("GET /metrics?x=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        assertEquals("HTTP/1.1 413", raw("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"));
        StringBuilder many = new StringBuilder("GET /api/v1/history?");
        for (int i = 0; i < 20; i++) {
            many.append("p").append(i).append("=1&");
        }
        assertEquals("HTTP/1.1 400", raw(many + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        assertEquals("HTTP/1.1 431", raw("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n"), "100 headers");
        assertEquals("HTTP/1.1 431", raw("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n"),
                "a 64 KB header");
        HttpResponse<byte[]> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(body(page).contains("saturn agent"));
    }

    @Test
    void aTokenIsRequiredWhenConfigured(@TempDir Path other) throws Exception {
        Path tokenDir = Files.createDirectories(other.resolve("d"));
        try (RunningAgent secured = new RunningAgent(tokenDir, Duration.ofMillis(500), "s3cret-token-0123456789", Clock.systemUTC())) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(secured.base() + "/metrics"));
            assertEquals(401, CLIENT.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(401, CLIENT.send(b.header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            HttpRequest good = HttpRequest.newBuilder(URI.create(secured.base() + "/metrics")).header("Authorization", "Bearer s3cret-token-0123456789").build();
            assertEquals(200, CLIENT.send(good, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void theStartUpWarmUpScrapesTheAgentItselfAndLeavesItServing() throws Exception {
        var report = agent.agent.latest().get().orElseThrow();
        assertEquals(5, HttpWarmUp.run(report, agent.agent.latest().snapshot(), agent.agent.address(), null, 5), "each warm-up scrape is answered");
        assertEquals(200, get("/metrics").statusCode());
        assertTrue(agent.log().contains("serving http://"), agent.log());
    }

    @Test
    void aClientStallingItsRequestHeadersDoesNotHoldUpAScrape() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", agent.port())) {
            stalled.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            stalled.getOutputStream().flush();
            Thread.sleep(200);
            long start = System.nanoTime();
            assertEquals(200, get("/metrics").statusCode());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3000, "a scrape beside a stalled client took " + millis + " ms");
        }
    }

    static String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", agent.port())) {
            s.setSoTimeout(5000);
            byte[] head = new byte[12];
            int n;
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                n = s.getInputStream().readNBytes(head, 0, 12);
            } catch (java.net.SocketException e) {
                n = 0; // reset by the server: refused
            }
            return new String(head, 0, n, StandardCharsets.ISO_8859_1);
        }
    }
}
