package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/v1/history/series on an hour of one-second samples holding one spike: 60 buckets keep the spike as the
 * largest value of its minute (where /api/v1/history's step, one report a minute, misses it), the mean beside
 * it; every bad parameter is a 400 with a one-line JSON error.
 */
class HistorySeriesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z");
    private static final long SPIKE = T0.getEpochSecond() + 1234;
    private static final double SPIKE_BUSY = 97.0;

    @TempDir
    static Path dir;
    static AgentHttpServer server;

    @BeforeAll
    static void start() throws Exception {
        IncidentHistory.write(dir, T0, T0.plusSeconds(3599), 1, s -> IncidentHistory.report(Instant.ofEpochSecond(s),
                s == SPIKE ? SPIKE_BUSY : IncidentHistory.calmBusy(s), IncidentHistory.CALM_PSI));
        server = IncidentHistory.serve(dir, null, ProfilesRoute.none(), Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theLargestValueOfEachBucketKeepsAOneSampleSpike() throws Exception {
        JsonNode s = ok("/api/v1/history/series?from=" + T0 + "&to=" + T0.plusSeconds(3600) + "&points=60");
        assertEquals(60_000, s.get("bucket_ms").asLong());
        assertEquals(3600, s.get("samples").asLong());
        assertEquals(60, s.get("t").size(), "one point per minute");
        JsonNode busy = line(s, "cpu", "utilization");
        assertEquals("busy_pct", busy.get("metric").asText());
        assertEquals("percent", busy.get("unit").asText());
        assertEquals("crit", busy.get("worst").asText(), "the spike was crit");
        int spikeBucket = (int) ((SPIKE - T0.getEpochSecond()) / 60);
        double calmSum = 0;
        for (long sec = T0.getEpochSecond() + spikeBucket * 60L; sec < T0.getEpochSecond() + spikeBucket * 60L + 60; sec++) {
            calmSum += sec == SPIKE ? SPIKE_BUSY : IncidentHistory.calmBusy(sec);
        }
        for (int i = 0; i < 60; i++) {
            assertEquals(T0.toEpochMilli() + i * 60_000L, s.get("t").get(i).asLong(), "bucket " + i + " start");
            assertEquals(60, s.get("n").get(i).asInt(), "samples in bucket " + i);
            double max = busy.get("max").get(i).asDouble();
            if (i == spikeBucket) {
                assertEquals(SPIKE_BUSY, max, "the spike's minute");
                assertEquals(calmSum / 60, busy.get("mean").get(i).asDouble(), 0.001, "its mean");
            } else {
                assertEquals(29.0, max, "a calm minute's largest busy");
                assertEquals(24.5, busy.get("mean").get(i).asDouble(), 0.001, "a calm minute's mean");
            }
        }
        JsonNode oom = line(s, "memory", "errors");
        assertEquals("unavailable", oom.get("worst").asText());
        assertTrue(oom.get("max").get(0).isNull(), "a cell without a value is null: " + oom);

        JsonNode decimated = ok("/api/v1/history?from=" + T0 + "&to=" + T0.plusSeconds(3599) + "&step=1m");
        assertEquals(60, decimated.get("reports").size());
        for (JsonNode r : decimated.get("reports")) {
            assertTrue(r.get("resources").get(0).get("utilization").get("value").asDouble() < 30,
                    "one report a minute misses the spike: " + r.get("timestamp"));
        }
    }

    @Test
    void aStepGivesBucketsOfThatWidthAndTheDefaultsAreTheLastFiveMinutesIn600Points() throws Exception {
        JsonNode s = ok("/api/v1/history/series?from=" + T0 + "&to=" + T0.plusSeconds(3600) + "&step=5m");
        assertEquals(300_000, s.get("bucket_ms").asLong());
        assertEquals(12, s.get("t").size());
        assertEquals(300, s.get("n").get(0).asInt());
        assertEquals(SPIKE_BUSY, line(s, "cpu", "utilization").get("max").get(4).asDouble(), "1234 s is in the fifth");

        JsonNode recent = ok("/api/v1/history/series");
        assertEquals(T0.plusSeconds(3300).toString(), recent.get("from").asText(), "from=-5m on the agent's clock");
        assertEquals(500, recent.get("bucket_ms").asLong(), "5 minutes in 600 points");
        assertEquals(300, recent.get("t").size(), "one sample a second: a bucket per sample, the others left out");
        assertEquals(IncidentHistory.calmBusy(T0.getEpochSecond() + 3300),
                line(recent, "cpu", "utilization").get("max").get(0).asDouble(), "a bucket of one sample holds it");
    }

    @Test
    void badParametersAreOneLineErrors() throws Exception {
        String w = "/api/v1/history/series?from=" + T0 + "&to=" + T0.plusSeconds(3600);
        assertEquals("points: 0 is outside 1 to 2000", error(w + "&points=0"));
        assertEquals("points: 5000 is outside 1 to 2000", error(w + "&points=5000"));
        assertEquals("points: 'many' is not a whole number (1 to 2000)", error(w + "&points=many"));
        assertEquals("step 1s makes more than 2000 buckets of this window: at least step=1800ms", error(w + "&step=1s"));
        assertTrue(error(w + "&step=soon").startsWith("step: "), error(w + "&step=soon"));
        assertEquals("give points (how many buckets) or step (how wide each is), not both", error(w + "&points=10&step=1m"));
        assertEquals("unknown parameter 'at': use from, to, and points or step", error(w + "&at=now"));
        assertEquals("'to' is before 'from'", error("/api/v1/history/series?from=" + T0 + "&to=" + T0.minusSeconds(1)));
        assertEquals("window longer than 31 days: narrow from/to", error("/api/v1/history/series?from=-40d"));
        assertTrue(error("/api/v1/history/series?from=yesterdayish").contains("yesterdayish"));
    }

    private static JsonNode line(JsonNode series, String resource, String cell) {
        for (JsonNode l : series.get("series")) {
            if (l.get("resource").asText().equals(resource) && l.get("cell").asText().equals(cell)) {
                return l;
            }
        }
        throw new AssertionError("no " + resource + " " + cell + " line in " + series.get("series"));
    }

    private static HttpResponse<String> get(String target) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.address().getPort() + target)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(String target) throws Exception {
        HttpResponse<String> r = get(target);
        assertEquals(200, r.statusCode(), target + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(r.body());
    }

    private static String error(String target) throws Exception {
        HttpResponse<String> r = get(target);
        assertEquals(400, r.statusCode(), target + ": " + r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(1, r.body().strip().lines().count(), r.body());
        JsonNode e = JSON.readTree(r.body());
        assertEquals(1, e.size(), r.body());
        return e.get("error").asText();
    }
}
