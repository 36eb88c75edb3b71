package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.profile.ProfileStacks;
import dev.saturn.agent.profile.ProfileStore;
import dev.saturn.agent.profile.StoredProfile;
import dev.saturn.agent.trigger.TriggerConfig;
import dev.saturn.flamegraph.svg.SvgOptions;
import dev.saturn.testkit.Needs;
import dev.saturn.testsupport.WebDriverClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's profile list in headless Chromium, behind a bearer token, over profiles an earlier run of
 * the agent left in its data directory: a link per profile to its flame graph, which the page can fetch.
 */
class ProfilesDashboardTest {
    private static final String TOKEN = "profiles-test-token-0123456789";

    @TempDir
    static Path tmp;
    static RunningAgent agent;
    static WebDriverClient browser;
    static String id;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Needs.tool("chromium");
        Path chromedriver = Needs.tool("chromedriver");
        Path data = Files.createDirectory(tmp.resolve("data"));
        ProfileStore store = new ProfileStore(data, 50, 1L << 30, new AgentLog(new PrintStream(OutputStream.nullOutputStream())));
        ProfileStacks stacks = new ProfileStacks();
        stacks.accept("java;Main.main;Work.spin", 80);
        stacks.accept("java;Main.main;Work.sleep", 20);
        id = store.newId("20261127T031500Z-cpu-utilization-system");
        long bytes = stacks.write(store.file(id, "svg"), store.file(id, "folded"), SvgOptions.builder().title("Triggered profile").build());
        store.add(new StoredProfile(id, "2026-11-27T03:15:00Z", "cpu.utilization 97% >= cpu.utilization>=90%for30s", "system",
                1234L, "java", 10.0, 100, bytes));
        agent = new RunningAgent(data, Duration.ofMillis(300), TOKEN, Clock.systemUTC(), TriggerConfig.disabled());
        browser = WebDriverClient.start(chromedriver, chromium, Files.createDirectory(tmp.resolve("chromium-profile")),
                tmp.resolve("chromedriver.log"));
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
    void eachProfileIsALinkToItsFlameGraph() throws Exception {
        browser.navigate(agent.base() + "/#token=" + TOKEN);
        long deadline = System.nanoTime() + 20_000_000_000L;
        Object text = "";
        while (System.nanoTime() < deadline && !String.valueOf(text).contains("cpu.utilization")) {
            text = browser.execute("const l = document.getElementById('profiles'); return l.dataset.loaded ? l.textContent : '';");
            Thread.sleep(100);
        }
        assertTrue(String.valueOf(text).contains("2026-11-27T03:15:00Z every CPU (perf): cpu.utilization 97%"), String.valueOf(text));
        Object href = browser.execute("return document.querySelector('#profiles a').getAttribute('href');");
        assertEquals("/api/v1/profiles/" + id + ".svg", href);
        @SuppressWarnings("unchecked")
        Map<String, Object> fetched = (Map<String, Object>) browser.executeAsync(
                "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {headers: {Authorization: 'Bearer ' + arguments[1]}})"
                + ".then(r => r.text().then(t => done({status: r.status, type: r.headers.get('Content-Type'), svg: t.includes('Work.spin')})))"
                + ".catch(e => done({status: -1, type: String(e)}));", href, TOKEN);
        assertEquals(200L, ((Number) fetched.get("status")).longValue(), fetched.toString());
        assertEquals("image/svg+xml", fetched.get("type"));
        assertEquals(Boolean.TRUE, fetched.get("svg"));
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(agent.base() + href)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "the flame graph needs the token like the rest of the API");
    }
}
