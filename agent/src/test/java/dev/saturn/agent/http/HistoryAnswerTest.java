package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.LiveReports;
import dev.saturn.agent.history.HistoryWriter;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.schedule.LatestReport;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest answer /api/v1/history gives, 1000 real reports, comes back whole and in order, plain or gzip'd. It
 * is written to the connection report by report, chunked: never whole in the agent's memory (with its -Xmx32m a
 * tree of them all ran out of heap, and a buffer of ~8 MB of JSON left its RSS higher; docs/performance.md).
 */
class HistoryAnswerTest {
    @TempDir
    Path dir;

    @Test
    void aThousandReportsComeBackWholeAndInOrder() throws Exception {
        List<UseReport> live = LiveReports.take(5, Duration.ofMillis(100));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (int i = 0; i < UseRoutes.MAX_REPORTS; i++) {
                UseReport r = live.get(i % live.size());
                w.append(new UseReport(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(),
                        t0.plusSeconds(i), r.resources(), r.findings(), r.topProcesses(), r.topProcessesReason()));
            }
        }
        Clock clock = Clock.fixed(t0.plusSeconds(UseRoutes.MAX_REPORTS), ZoneOffset.UTC);
        AgentHttpServer server = new AgentHttpServer(new InetSocketAddress("127.0.0.1", 0), null,
                new AgentLog(new PrintStream(new ByteArrayOutputStream(), true)));
        UseRoutes.register(server, new LatestReport(), null, dir, clock);
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.address().getPort() + "/api/v1/history?from=" + t0 + "&to=" + clock.instant();
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), new String(r.body()));
            JsonNode root = new ObjectMapper().readTree(r.body());
            assertEquals(t0.toString(), root.get("from").asText());
            assertEquals(true, root.get("at").isNull());
            JsonNode reports = root.get("reports");
            assertEquals(UseRoutes.MAX_REPORTS, reports.size());
            for (int i = 0; i < reports.size(); i++) {
                assertEquals(t0.plusSeconds(i).toString(), reports.get(i).get("timestamp").asText(), "report " + i);
            }
            assertEquals(live.get(1).resources().size(), reports.get(1).get("resources").size());
            System.out.printf("HistoryAnswerTest: %d reports, %d bytes of JSON%n", reports.size(), r.body().length);
            assertTrue(r.headers().firstValue("Content-Length").isEmpty(), "written as it is read, chunked: " + r.headers().map());

            HttpResponse<byte[]> gz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
                assertArrayEquals(r.body(), in.readAllBytes(), "the gzip'd answer is the same JSON");
            }
            HttpResponse<byte[]> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, head.statusCode());
            assertEquals(0, head.body().length);
        } finally {
            server.close();
        }
    }
}
