package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles (every process's stacks and command lines, recorded as root) need a token even on loopback: the agent
 * makes one at its first start in its data directory, readable by its owner only, keeps it across restarts, and
 * wants it on /api/v1/profiles and the profile files; /metrics, /api/v1/use and the dashboard's page stay open.
 */
class ProfileTokenTest {
    @TempDir
    Path dir;

    static RawHttp get(RunningAgent agent, String target, String token) throws Exception {
        return RawHttp.send(agent.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n");
    }

    @Test
    void profilesNeedTheTokenTheAgentMadeAtFirstStartAndKeeps() throws Exception {
        Path file = dir.resolve("token");
        String token;
        try (RunningAgent agent = new RunningAgent(dir, Duration.ofMillis(200))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            token = Files.readString(file).strip();
            assertTrue(token.length() >= 40, "32 random bytes, base64: " + token.length() + " characters");
            agent.awaitSamples(1);

            RawHttp refused = get(agent, "/api/v1/profiles", null);
            assertEquals(401, refused.status(), refused.head());
            assertEquals("application/json", refused.header("Content-Type"));
            assertTrue(refused.body().contains("profiles need the agent's bearer token") && refused.body().contains(file.toString()), refused.body());
            assertEquals(401, get(agent, "/api/v1/profiles", "wrong-token-0123456789").status());
            assertEquals(401, get(agent, "/api/v1/profiles/20260101-000000-system.svg", null).status());
            assertEquals(401, get(agent, "/api/v1/profiles/20260101-000000-system.folded", null).status());

            RawHttp listed = get(agent, "/api/v1/profiles", token);
            assertEquals(200, listed.status(), listed.body());
            assertTrue(listed.body().startsWith("{\"profiles\":[],\"ring\":{"), listed.body());
            assertEquals(404, get(agent, "/api/v1/profiles/20260101-000000-system.svg", token).status(), "with the token: no such profile");

            assertEquals(200, get(agent, "/metrics", null).status(), "/metrics stays open on loopback");
            assertEquals(200, get(agent, "/api/v1/use", null).status(), "/api/v1/use stays open on loopback");
            assertEquals(200, get(agent, "/api/v1/history?from=-10s", null).status());
            assertEquals(200, get(agent, "/", null).status(), "the dashboard's page holds no data");
        }
        try (RunningAgent again = new RunningAgent(dir, Duration.ofMillis(200))) {
            assertEquals(token, Files.readString(file).strip(), "kept across restarts");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(200, get(again, "/api/v1/profiles", token).status());
            assertEquals(401, get(again, "/api/v1/profiles", null).status());
        }
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedAtStart() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "0123456789abcdef0123456789\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Exception e = assertThrows(Exception.class, () -> new RunningAgent(dir, Duration.ofMillis(200)).close());
        assertTrue(e.getMessage().contains("is readable by group or others: chmod 600 " + file), e.getMessage());
    }

    @Test
    void twoAgentsInTwoDirectoriesHaveTwoTokens(@TempDir Path other) throws Exception {
        try (RunningAgent a = new RunningAgent(dir, Duration.ofMillis(500)); RunningAgent b = new RunningAgent(other, Duration.ofMillis(500))) {
            assertNotEquals(Files.readString(dir.resolve("token")), Files.readString(other.resolve("token")), "random, not a constant");
        }
    }
}
