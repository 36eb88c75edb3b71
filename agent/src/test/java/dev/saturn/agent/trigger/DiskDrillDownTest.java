package dev.saturn.agent.trigger;

import static dev.saturn.agent.trigger.DrillDown.awaitProfile;
import static dev.saturn.agent.trigger.DrillDown.counts;
import static dev.saturn.agent.trigger.DrillDown.get;
import static dev.saturn.agent.trigger.DrillDown.json;
import static dev.saturn.agent.trigger.DrillDown.link;
import static dev.saturn.agent.trigger.DrillDown.planNames;
import static dev.saturn.agent.trigger.DrillDown.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saturn.agent.RunningAgent;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.testkit.LoadProgram;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import dev.saturn.testsupport.WebDriverClient;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent drills down into a busy disk, on a real load: a C program overwriting a file on disk with O_DIRECT writes,
 * an agent whose trigger is the disk's utilization, real perf. The profile is the writer's time off CPU (its pwrite
 * path, blocked on the disk), the process table beside it names the writer, the disk finding links the profile in
 * /api/v1/use and /api/v1/history, and on the dashboard (headless Chromium) the finding's links open the flame graph
 * and the process table.
 */
class DiskDrillDownTest {
    private static final String TOKEN = "disk-drill-down-token-0123456789";

    @TempDir
    static Path tmp;
    static Path fileDir;
    static Process writer;
    static RunningAgent agent;
    static JsonNode profile;

    @BeforeAll
    static void start() throws Exception {
        Needs.tools("perf", "gcc");
        Path load = LoadProgram.compile(tmp);
        // on disk, not tmpfs (O_DIRECT): target/ of this module
        fileDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "drill-");
        Path file = fileDir.resolve("load.dat");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        writer = LoadProgram.start(load, "write", file.toString());
        // a disk finding at 5% busy: the writer keeps the disk busier than that however loaded the machine is
        Properties low = new Properties();
        low.setProperty("disk.util_serial.warn", "5");
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("disk.util_pct>=20%for1s")),
                Duration.ofSeconds(2), Duration.ZERO, 50, 200L << 20, 99, "perf", false);
        agent = new RunningAgent(Files.createDirectory(tmp.resolve("data")), Duration.ofMillis(500), TOKEN, Clock.systemUTC(), trigger,
                Thresholds.defaults().with(low));
        // another process may write more at the first trigger (the machine is shared): the writer's comes at a later one
        profile = awaitProfile(agent, p -> p.path("event").asText().equals("offcpu") && planNames(agent, p, writer.pid()), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (writer != null) {
            writer.destroyForcibly().waitFor();
        }
        if (fileDir != null) {
            Files.deleteIfExists(fileDir.resolve("load.dat"));
            Files.deleteIfExists(fileDir);
        }
    }

    @Test
    void theWriterIsProfiledOffCpuWithTheProcessTableOfThatMoment() throws Exception {
        assertEquals("processes", profile.get("kind").asText(), profile.toString());
        assertTrue(profile.get("subject").asText().startsWith("disk "), profile.toString());
        assertTrue(profile.get("reason").asText().startsWith("disk.util_pct "), profile.toString());
        assertTrue(profile.get("why").asText().startsWith(profile.get("subject").asText() + ": time blocked on I/O (off CPU in state D) of the processes that read and wrote most"),
                profile.toString());
        assertTrue(profile.get("id").asText().matches("\\d{8}T\\d{6}Z-disk-util-pct-offcpu(-\\d+)?"), profile.toString());

        String folded = text(agent, profile.get("folded_url").asText());
        long[] writes = counts(folded, s -> s.startsWith("load-" + writer.pid() + ";") && s.contains("pwrite"));
        long[] writers = counts(folded, s -> s.startsWith("load-" + writer.pid() + ";"));
        double seconds = profile.get("duration_s").asDouble();
        // the writer waits for the disk most of the time it records: at least a quarter of it, in its pwrite path
        assertTrue(writes[0] >= 0.25 * seconds * 1e6, writes[0] + " us off CPU in pwrite of " + seconds + " s: " + folded);
        assertTrue(writes[0] >= 0.5 * writers[0], "most of the writer's time off CPU is in pwrite: " + folded);
        String lead = profile.get("lead").textValue();
        assertNotNull(lead, profile.toString());
        System.out.println("DRILL lead: " + lead + "; why: " + profile.get("why").asText() + "; writer " + writes[0] + " us in pwrite of " + writers[0]
                + " us off CPU in " + seconds + " s");

        String svg = text(agent, profile.get("url").asText());
        assertTrue(svg.contains("Off-CPU time (us) of process") && svg.contains(writer.pid() + " load"), svg.substring(0, 600));

        JsonNode table = json(agent, profile.get("processes_url").asText());
        JsonNode plan = table.get("plan");
        assertEquals("offcpu", plan.get("event").asText());
        assertEquals("disk", plan.get("resource").asText());
        assertEquals(profile.get("subject").asText(), plan.get("subject").asText());
        JsonNode named = null;
        for (JsonNode p : plan.get("processes")) {
            if (p.get("pid").asLong() == writer.pid()) {
                named = p;
            }
        }
        assertNotNull(named, plan.toString());
        assertEquals("load", named.get("comm").asText());
        assertTrue(named.get("figure").asText().endsWith("MB/s read and written"), named.toString());
        boolean ranked = false;
        for (JsonNode row : table.get("resources")) {
            for (JsonNode p : row.path("top_processes")) {
                ranked |= row.get("resource").asText().equals("disk") && p.get("metric").asText().equals("write_bytes")
                        && p.get("pid").asLong() == writer.pid() && p.get("unit").asText().equals("bytes_per_second") && p.get("value").asDouble() > 0;
            }
        }
        assertTrue(ranked, "the writer in the table's disk write_bytes ranking: " + table);

        String id = profile.get("id").asText();
        assertEquals(404, get(agent, "/api/v1/profiles/" + id + "x.processes.json").statusCode());
        assertEquals(404, get(agent, "/api/v1/profiles/" + id + ".processes.txt").statusCode());
        HttpResponse<String> anonymous = DrillDown.CLIENT.send(HttpRequest.newBuilder(URI.create(agent.base() + profile.get("processes_url").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "the process table needs the token like the profile");
    }

    @Test
    void theDiskFindingLinksItsProfileNowAndInTheHistory() throws Exception {
        String id = profile.get("id").asText();
        JsonNode now = Poll.until(Duration.ofSeconds(60), "a disk finding in /api/v1/use linking " + id,
                () -> Optional.ofNullable(link(json(agent, "/api/v1/use"), "disk", id)));
        assertEquals(profile.get("url").asText(), now.get("url").asText());
        assertEquals(profile.get("processes_url").asText(), now.get("processes_url").asText());
        assertEquals("offcpu", now.get("event").asText());
        assertEquals(profile.get("lead").asText(), now.get("lead").asText(), "every route needs the token here, so the lead is said");
        String at = URLEncoder.encode(profile.get("time").asText(), StandardCharsets.UTF_8);
        JsonNode then = json(agent, "/api/v1/history?at=" + at).get("reports").get(0);
        assertNotNull(link(then, "disk", id), "the sample at the profile's start links it: " + then.get("findings"));
    }

    @Test
    void onTheDashboardTheFindingOpensItsProfileAndItsProcesses() throws Exception {
        Path chromium = Needs.tool("chromium");
        Path chromedriver = Needs.tool("chromedriver");
        try (WebDriverClient browser = WebDriverClient.start(chromedriver, chromium, Files.createDirectory(tmp.resolve("chromium-profile")),
                tmp.resolve("chromedriver.log"))) {
            browser.navigate(agent.base() + "/#token=" + TOKEN);
            String main = browser.windowHandles().get(0);
            // the disk's own finding: a filesystem finding of the same family (another test's full tmpfs) may link it too
            Poll.untilTrue(Duration.ofSeconds(60), "a disk finding with a profile link on the dashboard", () -> (Boolean) browser.execute(
                    DISK_DRILL + "return !!d && !!d.querySelector('a.profile') && !!d.querySelector('.lead');"));
            Object shown = browser.execute(DISK_DRILL
                    + "return {finding: d.parentElement.firstChild.textContent, link: d.querySelector('a.profile').textContent,"
                    + " href: d.querySelector('a.profile').getAttribute('href'), lead: d.querySelector('.lead').textContent};");
            String text = String.valueOf(shown);
            assertTrue(text.contains("disk ") && text.contains("offcpu profile of process"), text);

            click(browser, "a.profile");
            String graph = opened(browser, main);
            assertTrue(graph.contains("Off-CPU time (us) of process"), graph.substring(0, Math.min(600, graph.length())));
            click(browser, "a.processes");
            String processes = opened(browser, main);
            assertTrue(processes.contains("\"plan\"") && processes.contains("\"event\":\"offcpu\""), processes);
        }
    }

    /**
     * A WebDriver click on the disk finding's {@code link} (a.profile, a.processes), found again when a new sample or profile redrew
     * the list between the finding and the click (WebDriver's "stale element"; a hand's click is not lost to that).
     */
    private static void click(WebDriverClient browser, String link) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                int nth = ((Number) browser.execute(DISK_DRILL + "return [...document.querySelectorAll('#findings li')].indexOf(d.parentElement) + 1;")).intValue();
                browser.click(browser.find("#findings li:nth-child(" + nth + ") .drill " + link));
                return;
            } catch (WebDriverClient.WebDriverException e) {
                if (attempt == 5 || !e.getMessage().contains("stale element")) {
                    throw e;
                }
            }
        }
    }

    /** Finds the drill-down part {@code d} of the first finding about a disk. */
    private static final String DISK_DRILL = "const d = [...document.querySelectorAll('#findings li .drill')]"
            + ".find(e => e.parentElement.firstChild.textContent.includes('disk '));";

    /** The text of the window the click opened (the page fetches the file with the token and opens it), then closes it. */
    private static String opened(WebDriverClient browser, String main) throws Exception {
        String handle = Poll.until(Duration.ofSeconds(30), "a window opened by the click",
                () -> browser.windowHandles().stream().filter(h -> !h.equals(main)).findFirst());
        browser.switchToWindow(handle);
        String text = Poll.until(Duration.ofSeconds(30), "the opened window's content", () -> Optional.ofNullable(
                (String) browser.execute("return document.documentElement ? document.documentElement.textContent : null;"))
                .filter(t -> !t.isBlank()));
        browser.closeWindow();
        browser.switchToWindow(main);
        return text;
    }
}
