package dev.saturn.agent.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the drill-down tests ask a running agent: its profiles, their files, its reports, with the profiles' token. */
final class DrillDown {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    private DrillDown() {
    }

    static HttpResponse<byte[]> get(RunningAgent agent, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(agent.base() + path)).header("Authorization", "Bearer " + agent.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(RunningAgent agent, String path) throws Exception {
        HttpResponse<byte[]> r = get(agent, path);
        assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    static String text(RunningAgent agent, String path) throws Exception {
        HttpResponse<byte[]> r = get(agent, path);
        assertEquals(200, r.statusCode(), path);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** The first listed profile that matches, waiting for it. */
    static JsonNode awaitProfile(RunningAgent agent, Predicate<JsonNode> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode list = json(agent, "/api/v1/profiles").get("profiles");
        while (System.nanoTime() < deadline) {
            for (JsonNode p : list) {
                if (wanted.test(p)) {
                    return p;
                }
            }
            Thread.sleep(250);
            list = json(agent, "/api/v1/profiles").get("profiles");
        }
        throw new AssertionError("no such profile within " + timeout.toSeconds() + " s: " + list + "; log: " + agent.log());
    }

    /** Whether the plan beside the profile chose {@code pid}. */
    static boolean planNames(RunningAgent agent, JsonNode profile, long pid) {
        try {
            if (profile.path("processes_url").isNull() || profile.path("processes_url").isMissingNode()) {
                return false;
            }
            for (JsonNode p : json(agent, profile.get("processes_url").asText()).get("plan").get("processes")) {
                if (p.get("pid").asLong() == pid) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The counts of the folded stacks whose stack matches, and of all. */
    static long[] counts(String folded, Predicate<String> stack) {
        long all = 0;
        long with = 0;
        Matcher m = Pattern.compile("(?m)^(.*) (\\d+)$").matcher(folded);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            all += n;
            if (stack.test(m.group(1))) {
                with += n;
            }
        }
        return new long[] {with, all};
    }

    /** The finding of a report (a /api/v1/use answer, or one of /api/v1/history's) on {@code resource} that links {@code id}. */
    static JsonNode link(JsonNode report, String resource, String id) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("resource").asText().equals(resource)) {
                for (JsonNode p : f.path("profiles")) {
                    if (p.get("id").asText().equals(id)) {
                        return p;
                    }
                }
            }
        }
        return null;
    }
}
