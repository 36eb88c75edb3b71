package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kill -HUP` on a running `saturn agent` (systemctl reload) re-reads the token file: the agent keeps running,
 * the new token is accepted and the old one refused; a file that cannot be used then keeps the token in use,
 * said in one line.
 */
class AgentSighupTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void sighupReReadsTheTokenFileAndTheAgentKeepsRunning() throws Exception {
        Needs.tool("kill");
        Path token = dir.resolve("token");
        writeToken(token, "first-token-0123456789abcdef");
        // SIGHUP's default disposition, as systemd starts a service: a test run under nohup hands it down ignored
        try (ChildProcess agent = ChildProcess.jvm(List.of("env", "--default-signal=HUP"), System.getProperty("java.class.path"), Saturn.class.getName(), "agent",
                "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:0", "--interval", "200ms", "--no-trigger",
                "--auth-token-file", token.toString())) {
            StringBuffer log = agent.stderrLines();
            String address = Poll.until(Duration.ofSeconds(60), "the agent's start line", () -> {
                Matcher m = Pattern.compile("serving http://([^/]+)/").matcher(log);
                return m.find() ? Optional.of(m.group(1)) : Optional.empty();
            });
            assertEquals(200, status(address, "first-token-0123456789abcdef"));

            writeToken(token, "second-token-0123456789abcdef");
            hangUp(agent);
            try {
                Poll.untilTrue(Duration.ofSeconds(30), "the new token accepted", () -> status(address, "second-token-0123456789abcdef") == 200);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; agent alive: " + agent.process.isAlive() + "; its log:\n" + log, e);
            }
            assertEquals(401, status(address, "first-token-0123456789abcdef"), "the old token refused");
            assertTrue(agent.process.isAlive(), "still running after SIGHUP; log: " + log);
            assertTrue(log.toString().contains("saturn agent: token re-read from " + token), log.toString());

            Files.writeString(token, "short\n");
            hangUp(agent);
            Poll.untilTrue(Duration.ofSeconds(30), "the refusal said", () -> log.toString().contains("the token in use is kept"));
            assertTrue(Pattern.compile("saturn agent: token file \\S+ must hold one token of at least 16 printable characters .*: the token in use is kept")
                    .matcher(log).find(), log.toString());
            assertEquals(200, status(address, "second-token-0123456789abcdef"), "a bad file keeps the token in use");
            assertTrue(agent.process.isAlive(), "still running; log: " + log);
        }
    }

    @Test
    void anAgentStartedWithSighupIgnoredSaysThatItCannotReload() throws Exception {
        Needs.tool("nohup");
        Path token = dir.resolve("token");
        writeToken(token, "first-token-0123456789abcdef");
        try (ChildProcess agent = ChildProcess.jvm(List.of("nohup"), System.getProperty("java.class.path"), Saturn.class.getName(), "agent",
                "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:0", "--interval", "200ms", "--no-trigger",
                "--auth-token-file", token.toString())) {
            StringBuffer log = agent.stderrLines();
            Poll.untilTrue(Duration.ofSeconds(60), "the line that says SIGHUP is ignored",
                    () -> log.toString().contains("SIGHUP is ignored in this process (started under nohup?): to re-read the token file, restart the agent"));
            assertTrue(agent.process.isAlive(), log.toString());
        }
    }

    private static void writeToken(Path file, String token) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, token + "\n");
    }

    /** A real kill -HUP, as systemctl reload sends it. */
    private static void hangUp(ChildProcess agent) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(agent.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }

    private static int status(String address, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
