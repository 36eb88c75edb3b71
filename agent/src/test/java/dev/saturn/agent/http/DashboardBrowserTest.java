package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Needs;
import dev.saturn.testsupport.WebDriverClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium against a real agent sampling this host every 300 ms behind a bearer
 * token: charts fill from the history and live polls, the figures shown are /api/v1/use's, findings and
 * profiles render, and the page fetches nothing from anywhere but the agent.
 */
class DashboardBrowserTest {
    private static final String TOKEN = "dashboard-test-token-0123456789";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static RunningAgent agent;
    static WebDriverClient browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Needs.tool("chromium");
        Path chromedriver = Needs.tool("chromedriver");
        agent = new RunningAgent(Files.createDirectory(tmp.resolve("data")), Duration.ofMillis(300), TOKEN, Clock.systemUTC());
        browser = WebDriverClient.start(chromedriver, chromium, Files.createDirectory(tmp.resolve("chromium-profile")),
                tmp.resolve("chromedriver.log"));
        // Six seconds of history, so that a page opened now has a backfill at its 2 s step.
        agent.awaitSamples(20);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void withoutTheTokenThePageLoadsAndSaysHowToGiveIt() throws Exception {
        open("/");
        String state = awaitText("return document.getElementById('state').textContent;", "bearer token");
        assertTrue(state.contains("/#token="), state);
    }

    @Test
    void chartsFillFromHistoryAndLivePollsAndShowTheFiguresOfApiUse() throws Exception {
        open("/#token=" + TOKEN);
        long points = awaitPoints("cpu", "u", 3);
        assertTrue(points >= 3, "cpu utilization points: " + points);
        long backfilled = ((Number) browser.execute("return window.saturnDashboard.backfilled;")).longValue();
        assertTrue(backfilled >= 3, "reports from /api/v1/history before the first live poll: " + backfilled);

        JsonNode api = null;
        Map<?, ?> shown = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            api = apiUse();
            shown = (Map<?, ?>) browser.execute("""
                    const out = {timestamp: document.getElementById('charts').dataset.timestamp, cells: {}, status: {}};
                    for (const c of document.querySelectorAll('.chart')) {
                      out.status[c.dataset.key] = c.dataset.status;
                      for (const v of c.querySelectorAll('.value')) out.cells[c.dataset.key + '/' + v.dataset.cell] = v.dataset.value;
                    }
                    return out;""");
            if (api.get("timestamp").asText().equals(shown.get("timestamp"))) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(api.get("timestamp").asText(), shown.get("timestamp"), "the page caught up with /api/v1/use");
        Map<?, ?> cells = (Map<?, ?>) shown.get("cells");
        Map<?, ?> status = (Map<?, ?>) shown.get("status");
        TreeSet<String> expectedKeys = new TreeSet<>();
        int compared = 0;
        for (JsonNode row : api.get("resources")) {
            String key = row.get("resource").asText() + (row.get("device").isNull() ? "" : " " + row.get("device").asText());
            expectedKeys.add(key);
            assertEquals(worst(row), status.get(key), "status colour of " + key);
            for (String cell : List.of("utilization", "saturation", "errors")) {
                JsonNode c = row.get(cell);
                if (c.get("metric").asText().equals("none")) {
                    continue;
                }
                String v = (String) cells.get(key + "/" + cell);
                if (c.get("value").isNull()) {
                    assertEquals("", v, key + " " + cell + " is n/a on the page");
                } else {
                    assertEquals(c.get("value").asDouble(), Double.parseDouble(v), 1e-9, key + " " + cell);
                    compared++;
                }
            }
        }
        assertEquals(expectedKeys, new TreeSet<>(status.keySet().stream().map(String::valueOf).toList()), "a chart per resource row");
        assertTrue(compared >= 5, "figures compared: " + compared);
        assertTrue(expectedKeys.stream().anyMatch(k -> k.startsWith("network ")), "a chart per interface: " + expectedKeys);
    }

    @Test
    void findingsAndProfilesRender() throws Exception {
        open("/#token=" + TOKEN);
        awaitPoints("cpu", "u", 1);
        List<?> findings = (List<?>) browser.execute(
                "return [...document.querySelectorAll('#findings li')].map(li => li.className + '|' + li.textContent);");
        assertTrue(!findings.isEmpty(), "findings list rendered");
        JsonNode api = apiUse();
        String first = String.valueOf(findings.get(0));
        if (api.get("findings").isEmpty()) {
            assertTrue(first.startsWith("ok|no findings"), first);
        } else {
            assertTrue(first.matches("(warn|crit)\\|(warn|crit): .+"), first);
        }
        String profiles = awaitText("const l = document.getElementById('profiles'); return l.dataset.loaded ? l.textContent : '';",
                "none recorded");
        assertEquals("none recorded", profiles.strip());
    }

    @Test
    void thePageFetchesOnlyFromTheAgent() throws Exception {
        open("/#token=" + TOKEN);
        awaitPoints("cpu", "u", 2);
        List<?> urls = (List<?>) browser.execute("return performance.getEntriesByType('resource').map(e => e.name);");
        assertTrue(urls.size() >= 3, "the page's own API calls are listed: " + urls);
        for (Object url : urls) {
            assertTrue(String.valueOf(url).startsWith(agent.base() + "/api/v1/"), "fetched " + url);
        }
    }

    /** A fresh page load: from a page of the agent, a URL that differs only in its fragment would not reload. */
    private static void open(String path) throws Exception {
        browser.navigate("about:blank");
        browser.navigate(agent.base() + path);
    }

    private static String worst(JsonNode row) {
        List<String> rank = List.of("unavailable", "ok", "warn", "crit");
        String w = "unavailable";
        for (String cell : List.of("utilization", "saturation", "errors")) {
            String s = row.get(cell).get("status").asText();
            if (rank.indexOf(s) > rank.indexOf(w)) {
                w = s;
            }
        }
        return w;
    }

    private static long awaitPoints(String chart, String lane, int atLeast) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        long n = 0;
        while (System.nanoTime() < deadline) {
            Object v = browser.execute("const p = document.querySelector('.chart[data-key=\"' + arguments[0] + '\"] path.' + arguments[1]);"
                    + " return p ? Number(p.dataset.points) : 0;", chart, lane);
            n = ((Number) v).longValue();
            if (n >= atLeast) {
                return n;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the " + chart + " chart's " + lane + " series has " + n + " points after 20 s, want " + atLeast
                + "; page state: " + browser.execute("return document.getElementById('state').textContent;"));
    }

    private static String awaitText(String script, String wanted) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = String.valueOf(browser.execute(script));
            if (text.contains(wanted)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + wanted + "' within 20 s; last: " + text);
    }

    private static JsonNode apiUse() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(agent.base() + "/api/v1/use")).header("Authorization", "Bearer " + TOKEN).build();
        HttpResponse<String> response = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
