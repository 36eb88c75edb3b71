package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.http.ClientFailures.Kind;
import dev.saturn.testkit.Poll;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 aborted requests (a client that resets its connection mid-request, as a scraper timing out does) are two
 * log lines, not 300: the first at once, then one with the count when the period is over. The period is a
 * minute in production; this agent's is 3 s (saturn.agent.http.failure-log-millis) so the test sees it pass.
 */
class ClientFailureLogTest {
    @TempDir
    Path dir;

    @Test
    void threeHundredAbortedRequestsAreTwoLinesWithTheCount() throws Exception {
        System.setProperty("saturn.agent.http.failure-log-millis", "3000");
        RunningAgent agent;
        try {
            agent = new RunningAgent(dir, Duration.ofMillis(500));
        } finally {
            System.clearProperty("saturn.agent.http.failure-log-millis");
        }
        try (agent) {
            agent.awaitSamples(1);
            for (int i = 0; i < 300; i++) {
                try (Socket s = new Socket("127.0.0.1", agent.port())) {
                    s.getOutputStream().write("GET /api/v1/history?from=-1m HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    s.setSoLinger(true, 0); // closed with a reset, mid-request
                }
            }
            AgentHttpServer http = agent.agent.http();
            Poll.untilTrue(Duration.ofSeconds(30), "300 aborted requests counted", () -> http.failures(Kind.ABORTED) >= 300);
            Poll.untilTrue(Duration.ofSeconds(30), "the count said when the period is over", () -> agent.log().contains(" more in the last "));
            List<String> lines = agent.log().lines().filter(l -> l.contains(Kind.ABORTED.description)).toList();
            assertEquals(2, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).contains("(127.0.0.1 GET /api/v1/history?from=-1m)") || lines.get(0).contains("(127.0.0.1)"), lines.get(0));
            Matcher m = Pattern.compile(": (\\d+) more in the last \\d+ s \\(last: 127\\.0\\.0\\.1").matcher(lines.get(1));
            assertTrue(m.find(), lines.get(1));
            assertEquals(300, 1 + Long.parseLong(m.group(1)), "the first line and the count: " + lines);
            assertEquals(300, http.failures(Kind.ABORTED));
        }
    }
}
