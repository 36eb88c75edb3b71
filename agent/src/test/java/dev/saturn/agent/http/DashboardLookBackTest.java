package dev.saturn.agent.http;

import static dev.saturn.testsupport.WebDriverClient.down;
import static dev.saturn.testsupport.WebDriverClient.move;
import static dev.saturn.testsupport.WebDriverClient.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import dev.saturn.testsupport.WebDriverClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard after an incident, in headless Chromium driven by real mouse input: a week of history (a sample a
 * minute, then a sample a second for the last two hours) in which the CPU was saturated from 40 to 35 minutes
 * ago. In the 1-hour window the axes cover the window, the hover readout shows the incident's figures at its
 * time, a click shows that sample's table with the saturated cpu row, its finding and the profile recorded
 * then, a drag zooms to the dragged range, and the 7-day window asks for and draws a bounded number of points
 * that still hold the incident.
 */
class DashboardLookBackTest {
    private static final int LEFT = 46;
    private static final int RIGHT = 4;
    @TempDir
    static Path tmp;
    static AgentHttpServer server;
    static WebDriverClient browser;
    static Instant now;
    static Instant incidentStart;
    static Instant incidentEnd;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Needs.tool("chromium");
        Path chromedriver = Needs.tool("chromedriver");
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        incidentStart = now.minus(Duration.ofMinutes(40));
        incidentEnd = now.minus(Duration.ofMinutes(35));
        Path data = Files.createDirectory(tmp.resolve("data"));
        Instant dense = now.minus(Duration.ofHours(2));
        IncidentHistory.write(data, now.minus(Duration.ofDays(7)).plusSeconds(60), dense.minusSeconds(60), 60, DashboardLookBackTest::sample);
        IncidentHistory.write(data, dense, now, 1, DashboardLookBackTest::sample);
        Map<String, Object> near = profile("20261127T031500Z-cpu-utilization-system", incidentStart.plusSeconds(30), "cpu.utilization 100% >= cpu.utilization>=90%for30s");
        Map<String, Object> far = profile("20261127T001500Z-cpu-utilization-system", now.minus(Duration.ofHours(3)), "cpu.utilization 95% >= cpu.utilization>=90%for30s");
        server = IncidentHistory.serve(data, sample(now.getEpochSecond()), new ProfilesRoute(() -> List.of(near, far), () -> Map.of("state", "off", "reason", "triggered profiles are off")), Clock.systemUTC());
        base = "http://127.0.0.1:" + server.address().getPort();
        browser = WebDriverClient.start(chromedriver, chromium, Files.createDirectory(tmp.resolve("chromium-profile")),
                tmp.resolve("chromedriver.log"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static dev.saturn.analyzers.use.UseReport sample(long second) {
        boolean incident = second >= incidentStart.getEpochSecond() && second <= incidentEnd.getEpochSecond();
        return IncidentHistory.report(Instant.ofEpochSecond(second),
                incident ? IncidentHistory.INCIDENT_BUSY : IncidentHistory.calmBusy(second),
                incident ? IncidentHistory.INCIDENT_PSI : IncidentHistory.CALM_PSI);
    }

    static Map<String, Object> profile(String id, Instant time, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("time", time.toString());
        m.put("started", time.toString());
        m.put("reason", reason);
        m.put("kind", "system");
        m.put("resource", "every CPU (perf)");
        m.put("duration_s", 10.0);
        m.put("url", "/api/v1/profiles/" + id + ".svg");
        return m;
    }

    @Test
    void aUserFindsTheIncidentInTheHourReadsItClicksItAndZoomsIn() throws Exception {
        openWindow(3_600_000L);

        // axes: time ticks across the window, in local time; a value axis with its unit
        Map<?, ?> axes = (Map<?, ?>) browser.execute("""
                const c = document.querySelector('.chart[data-key="cpu"]');
                const ticks = [...c.querySelectorAll('.taxis text.tick')];
                const f = d => String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
                return {ticks: ticks.map(t => Number(t.dataset.t)), labels: ticks.map(t => t.textContent),
                        local: ticks.map(t => f(new Date(Number(t.dataset.t)))),
                        values: [...c.querySelectorAll('.lane.u text.yaxis')].map(t => t.textContent),
                        from: Number(document.getElementById('charts').dataset.from),
                        to: Number(document.getElementById('charts').dataset.to)};""");
        List<?> ticks = (List<?>) axes.get("ticks");
        long from = ((Number) axes.get("from")).longValue();
        long to = ((Number) axes.get("to")).longValue();
        assertTrue(ticks.size() >= 4, "time ticks: " + axes);
        long first = ((Number) ticks.get(0)).longValue();
        long last = ((Number) ticks.get(ticks.size() - 1)).longValue();
        assertTrue(first >= from && last <= to && last - first >= (to - from) * 3 / 4, "ticks cover the window: " + axes);
        assertEquals(axes.get("local"), axes.get("labels"), "tick labels are the browser's local HH:MM");
        assertEquals(List.of("100%", "50%", "0%"), axes.get("values"), "the utilization lane's value axis");

        // hover: the readout at the incident's middle shows its figures and its time
        Instant middle = incidentStart.plus(Duration.between(incidentStart, incidentEnd).dividedBy(2));
        Map<String, Object> lane = browser.find(".chart[data-key=\"cpu\"] .lane.u svg");
        browser.mouse(move(lane, offset(middle), 0));
        Map<?, ?> readout = (Map<?, ?>) browser.execute("""
                const r = document.querySelector('.chart[data-key="cpu"] .readout');
                return {text: r.textContent, t: Number(r.dataset.t), u: r.dataset.u, s: r.dataset.s};""");
        String text = String.valueOf(readout.get("text"));
        assertEquals("100", readout.get("u"), "utilization at the cursor: " + readout);
        assertEquals("80", readout.get("s"), "saturation at the cursor: " + readout);
        assertTrue(text.contains("U 100.0%") && text.contains("S 80.0%"), text);
        long t = ((Number) readout.get("t")).longValue();
        assertTrue(Math.abs(t - middle.toEpochMilli()) <= 15_000, "readout time " + Instant.ofEpochMilli(t) + " near " + middle);
        String shownTime = (String) browser.execute("const d = new Date(arguments[0]); return [d.getHours(), d.getMinutes(), d.getSeconds()]"
                + ".map(n => String(n).padStart(2, '0')).join(':');", t);
        assertTrue(text.startsWith(shownTime), "the readout starts with the time, local: " + text + " vs " + shownTime);

        // click: that sample's table, its finding, the profile recorded then (not the one 3 hours ago)
        browser.mouse(move(lane, offset(middle), 0), down(), up());
        Map<?, ?> moment = awaitMap("""
                const m = document.getElementById('moment');
                if (m.hidden || !m.dataset.timestamp) return null;
                const cpu = m.querySelector('tr[data-key="cpu"]');
                return {timestamp: m.dataset.timestamp, cls: cpu.className, sat: cpu.querySelector('td[data-cell="saturation"]').textContent,
                        memory: m.querySelector('tr[data-key="memory"]').className,
                        findings: [...document.querySelectorAll('#moment-findings li')].map(li => li.textContent),
                        processes: document.getElementById('moment-processes').textContent,
                        profiles: [...document.querySelectorAll('#moment-profiles li')].map(li => li.dataset.id || li.textContent)};""");
        Instant sampleTime = Instant.parse(String.valueOf(moment.get("timestamp")));
        assertTrue(!sampleTime.isBefore(incidentStart) && !sampleTime.isAfter(incidentEnd), "the clicked sample " + sampleTime);
        assertTrue(Math.abs(sampleTime.toEpochMilli() - middle.toEpochMilli()) <= 15_000, sampleTime + " near " + middle);
        assertEquals("s-crit flagged", moment.get("cls"), "the cpu row is the saturated one");
        assertEquals("psi_some_pct 80.0% crit", moment.get("sat"));
        assertEquals("s-ok", moment.get("memory"));
        List<?> findings = (List<?>) moment.get("findings");
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(String.valueOf(findings.get(0)).startsWith("crit: cpu: 100% busy") && String.valueOf(findings.get(0)).contains("saturated"),
                findings.toString());
        assertTrue(String.valueOf(moment.get("processes")).contains("history keeps no process table"), String.valueOf(moment.get("processes")));
        assertEquals(List.of("20261127T031500Z-cpu-utilization-system"), moment.get("profiles"), "profiles within 10 minutes");

        browser.click(browser.find("#moment-close"));
        // drag from 45 to 30 minutes ago: the window becomes that range
        Instant dragFrom = now.minus(Duration.ofMinutes(45));
        Instant dragTo = now.minus(Duration.ofMinutes(30));
        long pixel = (to - from) / width();
        browser.mouse(move(lane, offset(dragFrom), 0), down(), move(lane, offset(dragTo), 5), up());
        Map<?, ?> zoomed = awaitMap("""
                const s = window.saturnDashboard;
                if (!s.zoom || !s.data || s.data.fromMs !== s.zoom.from) return null;
                return {from: s.data.fromMs, to: s.data.toMs, url: s.seriesUrl,
                        chartsFrom: Number(document.getElementById('charts').dataset.from),
                        reset: document.getElementById('reset').disabled};""");
        long zFrom = ((Number) zoomed.get("from")).longValue();
        long zTo = ((Number) zoomed.get("to")).longValue();
        assertTrue(Math.abs(zFrom - dragFrom.toEpochMilli()) <= 2 * pixel + 1000, "zoomed from " + Instant.ofEpochMilli(zFrom) + ", dragged from " + dragFrom);
        assertTrue(Math.abs(zTo - dragTo.toEpochMilli()) <= 2 * pixel + 1000, "zoomed to " + Instant.ofEpochMilli(zTo) + ", dragged to " + dragTo);
        assertEquals(zFrom, ((Number) zoomed.get("chartsFrom")).longValue(), "the charts are drawn over the zoomed range");
        assertTrue(String.valueOf(zoomed.get("url")).contains("&to="), "an absolute window was asked for: " + zoomed.get("url"));
        assertEquals(false, zoomed.get("reset"), "reset zoom is offered");

        browser.click(browser.find("#reset"));
        Map<?, ?> reset = awaitMap("""
                const s = window.saturnDashboard;
                return !s.zoom && s.data && s.data.toMs - s.data.fromMs === 3600000 ? {disabled: document.getElementById('reset').disabled} : null;""");
        assertEquals(true, reset.get("disabled"));
    }

    @Test
    void theSevenDayWindowAsksForABoundedNumberOfPointsThatKeepTheIncident() throws Exception {
        openWindow(604_800_000L);
        Map<?, ?> week = (Map<?, ?>) browser.execute("""
                const s = window.saturnDashboard;
                const cpu = s.data.charts.get('cpu');
                const urls = performance.getEntriesByType('resource').map(e => e.name).filter(u => u.includes('/api/v1/history/series'));
                return {url: s.seriesUrl, points: s.data.t.length, bucket: s.data.bucket_ms, samples: s.data.samples,
                        max: Math.max(...cpu.u.max.filter(v => v != null)), drawn: Number(document.querySelector('.chart[data-key="cpu"] path.u').dataset.points),
                        fetched: urls};""");
        String url = String.valueOf(week.get("url"));
        assertTrue(url.startsWith("/api/v1/history/series?from=-604800s&points="), url);
        int asked = Integer.parseInt(url.replaceAll(".*points=", ""));
        assertTrue(asked >= 50 && asked <= 2000, "points asked: " + asked);
        long points = ((Number) week.get("points")).longValue();
        assertTrue(points <= asked, "points answered " + points + " <= asked " + asked);
        assertTrue(((Number) week.get("bucket")).longValue() >= 604_800_000L / asked, week.toString());
        assertTrue(((Number) week.get("samples")).longValue() > 15_000, "the whole week was read: " + week);
        assertEquals(100.0, ((Number) week.get("max")).doubleValue(), "the incident's busy survives downsampling");
        assertEquals(points, ((Number) week.get("drawn")).longValue(), "every point drawn");
        assertFalse(((List<?>) week.get("fetched")).isEmpty());
    }

    /** Opens the page and picks the window of that length from the presets. */
    private static void openWindow(long ms) throws Exception {
        browser.navigate("about:blank");
        browser.navigate(base + "/");
        awaitMap("return document.querySelector('.chart[data-key=\"cpu\"] path.u') ? {} : null;");
        browser.click(browser.find("#window button[data-ms=\"" + ms + "\"]"));
        awaitMap("const s = window.saturnDashboard; return !s.zoom && s.data && s.data.toMs - s.data.fromMs === arguments[0]"
                + " && document.querySelector('#window button.on').dataset.ms === String(arguments[0]) ? {} : null;", ms);
    }

    /** Where time {@code t} is in the cpu utilization lane, in CSS pixels from its centre. */
    private static long offset(Instant t) throws Exception {
        Number x = (Number) browser.execute("""
                const svg = document.querySelector('.chart[data-key="cpu"] .lane.u svg');
                const box = svg.getBoundingClientRect(), w = svg.viewBox.baseVal.width;
                const c = document.getElementById('charts');
                const from = Number(c.dataset.from), to = Number(c.dataset.to);
                const x = arguments[1] + (w - arguments[1] - arguments[2]) * (arguments[0] - from) / (to - from);
                return Math.round(x * box.width / w - box.width / 2);""", t.toEpochMilli(), LEFT, RIGHT);
        return x.longValue();
    }

    private static long width() throws Exception {
        return ((Number) browser.execute("return document.querySelector('.chart[data-key=\"cpu\"] .lane.u svg').getBoundingClientRect().width;"))
                .longValue() - LEFT - RIGHT;
    }

    private static Map<?, ?> awaitMap(String script, Object... args) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object v = browser.execute(script, args);
            if (v instanceof Map<?, ?> m) {
                return m;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 30 s: " + script + "\npage state: "
                + browser.execute("return document.getElementById('state').textContent + ' | ' + document.getElementById('span').textContent;"));
    }
}
