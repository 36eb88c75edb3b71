package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.history.HistoryReader;
import dev.saturn.analyzers.use.UseReport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `saturn agent` as systemd runs it: a child process, stopped with SIGTERM (what Process.destroy() sends and
 * what `systemctl stop` sends). It exits cleanly, its history holds the last sample it served, the WAL is
 * folded back into the database, and stderr has one line per event for journald.
 */
class AgentSignalTest {
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheAgentCleanlyWithItsHistoryFlushed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("data");
        Path err = dir.resolve("stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process agent = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Saturn.class.getName(), "agent", "--listen", "127.0.0.1:" + port, "--data-dir", data.toString(), "--interval", "200ms")
                .redirectErrorStream(false).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout").toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest use = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/use")).build();
            Instant served = null;
            int seen = 0;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (seen < 5 && System.nanoTime() < deadline) {
                assertTrue(agent.isAlive(), "the agent exited early: " + Files.readString(err));
                try {
                    HttpResponse<String> r = client.send(use, HttpResponse.BodyHandlers.ofString());
                    Matcher m = TIMESTAMP.matcher(r.body());
                    if (r.statusCode() == 200 && m.find()) {
                        Instant t = Instant.parse(m.group(1));
                        if (!t.equals(served)) {
                            seen++;
                            served = t;
                        }
                    }
                } catch (java.io.IOException notYetListening) {
                    // keep polling
                }
                Thread.sleep(100);
            }
            assertEquals(5, seen, "five samples served within 60 s; stderr: " + Files.readString(err));

            agent.destroy();   // SIGTERM
            assertTrue(agent.waitFor(15, TimeUnit.SECONDS), "the agent stops within 15 s of SIGTERM");
            int exit = agent.exitValue();
            assertTrue(exit == 0 || exit == 143, "exit status 0 or 128+SIGTERM, got " + exit);

            List<String> lines = Files.readAllLines(err);
            assertTrue(lines.stream().allMatch(l -> l.startsWith("saturn agent: ")), "one line per event, no stack trace: " + lines);
            assertTrue(lines.get(0).contains("sampling every 200 ms"), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.equals("saturn agent: stopping (signal)")), lines.toString());
            assertTrue(lines.get(lines.size() - 1).matches("saturn agent: stopped after \\d+ samples; history closed"), lines.toString());

            assertFalse(Files.exists(data.resolve("history.db-wal")) && Files.size(data.resolve("history.db-wal")) > 0,
                    "the write-ahead log is checkpointed into history.db on the way out");
            try (HistoryReader history = HistoryReader.open(data)) {
                UseReport last = history.nearest(Instant.now().plusSeconds(3600)).orElseThrow();
                assertFalse(last.timestamp().isBefore(served), "the history holds the last sample served (" + served + "), its newest is "
                        + last.timestamp());
            }
        } finally {
            agent.destroyForcibly();
        }
    }
}
