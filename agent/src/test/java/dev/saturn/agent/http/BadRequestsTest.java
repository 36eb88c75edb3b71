package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad requests get the documented error, {"error": "..."} as application/json, with the status that says what was
 * wrong: a bad '%' escape and an empty path segment 400, a URI over 2048 characters 414, headers over 16 KB or
 * over 64 of them 431, a malformed request line 400; at=0 (Unix seconds) is a time, and at with from is refused.
 */
class BadRequestsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static RunningAgent agent;

    @BeforeAll
    static void start() throws Exception {
        agent = new RunningAgent(dir, Duration.ofMillis(200));
        agent.awaitSamples(3);
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    static RawHttp get(String target, String... headers) throws Exception {
        return RawHttp.send(agent.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + String.join("", headers) + "\r\n");
    }

    /** The error's text, after checking the status and that it is the documented JSON. */
    static String error(RawHttp r, int status) throws Exception {
        assertEquals(status, r.status(), r.head() + "\n" + r.body());
        assertEquals("application/json", r.header("Content-Type"), r.head());
        JsonNode error = JSON.readTree(r.body());
        assertEquals(1, error.size(), r.body());
        return error.get("error").asText();
    }

    @Test
    void aBadPercentEscapeIsA400InThePathAndInTheQuery() throws Exception {
        assertTrue(error(get("/metrics%ZZ"), 400).contains("bad percent-encoding '%ZZ'"));
        assertTrue(error(get("/api/v1/history?from=%ZZ"), 400).contains("bad percent-encoding '%ZZ'"));
        assertTrue(error(get("/api/v1/history?from=%2"), 400).contains("'%' must be followed by two hex digits"));
        assertTrue(error(get("/api/v1/history?from=%C3%28"), 400).contains("not UTF-8"));
    }

    @Test
    void anEmptyPathSegmentIsA400NotTheRouteItLooksLike() throws Exception {
        assertTrue(error(get("//metrics"), 400).contains("empty segment ('//')"));
        assertTrue(error(get("/api//v1/use"), 400).contains("empty segment"));
    }

    @Test
    void oversizedRequestsGet414And431() throws Exception {
        assertTrue(error(get("/metrics?x=" + "a".repeat(3000)), 414).contains("longer than 2048"));
        assertTrue(error(get("/metrics?x=" + "a".repeat(20_000)), 414).contains("longer than 2048"), "a request line past the 16 KB head");
        assertTrue(error(get("/metrics", "X-Big: " + "a".repeat(20_000) + "\r\n"), 431).contains("longer than 16384 bytes"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 70; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertTrue(error(get("/metrics", many.toString()), 431).contains("more than 64 request headers"));
    }

    @Test
    void aMalformedRequestIsA400() throws Exception {
        assertTrue(error(RawHttp.send(agent.port(), "GET /metrics\r\nHost: 127.0.0.1\r\n\r\n"), 400).contains("malformed request line"));
        assertTrue(error(RawHttp.send(agent.port(), "GET /metrics HTTP/1.1\nHost: 127.0.0.1\n\n"), 400).contains("CRLF"), "bare LF");
        assertTrue(error(RawHttp.send(agent.port(), "GET http://evil/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 400).contains("starting with '/'"));
        assertTrue(error(RawHttp.send(agent.port(), "GET /metrics HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n"), 400).contains("header name"));
        assertTrue(error(RawHttp.send(agent.port(), "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n folded\r\n\r\n"), 400).contains("folded"));
        assertTrue(error(RawHttp.send(agent.port(), "GET /metrics HTTP/1.1\r\n\r\n"), 400).contains("without a Host"));
        assertEquals(505, RawHttp.send(agent.port(), "GET /metrics HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n").status());
    }

    @Test
    void notFoundWrongMethodAndBodiesAreJsonErrorsToo() throws Exception {
        assertTrue(error(get("/nothing"), 404).contains("no such endpoint"));
        RawHttp post = RawHttp.send(agent.port(), "POST /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(error(post, 405).contains("read-only"));
        assertEquals("GET, HEAD", post.header("Allow"));
        assertTrue(error(get("/metrics", "Content-Length: 5\r\n"), 413).contains("request bodies"));
    }

    @Test
    void atZeroIsUnixSecondsAndAtWithFromIsRefused() throws Exception {
        RawHttp zero = get("/api/v1/history?at=0");
        assertEquals(200, zero.status(), zero.body());
        String body = zero.body().substring(zero.body().indexOf('{'), zero.body().lastIndexOf('}') + 1); // chunked: one or more chunks
        assertTrue(body.startsWith("{\"from\":null,\"to\":null,\"at\":\"1970-01-01T00:00:00Z\",\"reports\":[{"), body.substring(0, 120));
        assertTrue(error(get("/api/v1/history?at=0&from=-1m"), 400).contains("'at' asks for the one report nearest a moment: give it alone"));
        assertTrue(error(get("/api/v1/history?at=-10s&to=now"), 400).contains("give it alone"));
        assertTrue(error(get("/api/v1/history?at=-10s&step=5s"), 400).contains("give it alone"));
    }
}
