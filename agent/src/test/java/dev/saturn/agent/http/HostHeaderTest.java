package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 makes the browser send
 * Host: evil.example, and gets a 421 with nothing of the agent's in it, on every route. The loopback names, the
 * listen address and the names given with --allowed-host are served, whatever the port and letter case.
 */
class HostHeaderTest {
    @TempDir
    static Path dir;
    static RunningAgent agent;

    @BeforeAll
    static void start() throws Exception {
        agent = new RunningAgent(dir, Duration.ofMillis(200), new HttpAccess(null, List.of("saturn.example.org")));
        agent.awaitSamples(2);
    }

    @AfterAll
    static void stop() {
        agent.close();
    }

    static RawHttp get(String target, String host) throws Exception {
        return RawHttp.send(agent.port(), "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void anotherHostGets421AndNothingServedOnEveryRoute() throws Exception {
        for (String target : List.of("/metrics", "/api/v1/use", "/api/v1/history?from=-5s", "/", "/api/v1/profiles")) {
            for (String host : List.of("evil.example", "evil.example:" + agent.port(), "127.0.0.1.evil.example", "[::2]:80", "localhost:x")) {
                RawHttp r = get(target, host);
                assertEquals(421, r.status(), target + " Host: " + host + " " + r.head());
                assertEquals("application/json", r.header("Content-Type"));
                assertTrue(r.body().startsWith("{\"error\":\"this agent does not serve Host "), r.body());
                assertFalse(r.body().contains("saturn_") || r.body().contains("resources") || r.body().contains("<html"), r.body());
            }
        }
        assertTrue(agent.log().contains("http: request for a Host this agent does not serve refused (421)"), agent.log());
    }

    @Test
    void loopbackNamesTheListenAddressAndAllowedNamesAreServed() throws Exception {
        for (String host : List.of("127.0.0.1", "127.0.0.1:" + agent.port(), "localhost", "LOCALHOST:" + agent.port(), "[::1]:" + agent.port(),
                "saturn.example.org", "Saturn.Example.Org.:443")) {
            RawHttp r = get("/metrics", host);
            assertEquals(200, r.status(), "Host: " + host + " " + r.head());
        }
    }
}
