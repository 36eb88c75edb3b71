package dev.saturn.agent.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.RunningAgent;
import dev.saturn.testkit.Needs;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Triggered profiles on a real agent with a real CPU load: a child JVM burning two threads in a known
 * method, real perf on every CPU and real async-profiler in the child. Needs perf (CI installs linux-perf).
 */
class TriggeredProfileTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    final List<Process> children = new ArrayList<>();
    RunningAgent agent;

    @AfterEach
    void stop() throws InterruptedException {
        if (agent != null) {
            agent.close();
        }
        for (Process p : children) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aCpuLoadGivesASystemAndAJvmFlameGraph() throws Exception {
        Needs.tool("perf");
        // no gap here: on a machine shared with other builds another process may be the top one at the
        // first trigger; the burner's profile comes at a later one
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=30%for2s")),
                Duration.ofSeconds(2), Duration.ZERO, 50, 100L << 20, 99, "perf", true);
        agent = new RunningAgent(dir, Duration.ofMillis(500), trigger);
        assertTrue(agent.log().contains("triggered profiles: cpu.utilization>=30%for2s"), agent.log());
        Process burner = burner(60);

        JsonNode jvm = await(p -> p.get("kind").asText().equals("jvm") && p.get("pid").asLong() == burner.pid(), Duration.ofSeconds(60));
        JsonNode system = await(p -> p.get("kind").asText().equals("system"), Duration.ofSeconds(30));
        assertTrue(jvm.get("reason").asText().startsWith("cpu.utilization "), jvm.toString());
        assertTrue(jvm.get("samples").asLong() > 50 && system.get("samples").asLong() > 50, list().toString());
        assertTrue(jvm.get("duration_s").asDouble() >= 1.9, jvm.toString());

        HttpResponse<byte[]> jvmSvg = get(jvm.get("url").asText());
        assertEquals(200, jvmSvg.statusCode());
        assertEquals("image/svg+xml", jvmSvg.headers().firstValue("Content-Type").orElse(""));
        String jvmText = parseSvg(jvmSvg.body());
        assertTrue(jvmText.contains("TriggerBurner.burnForTheTrigger"), "the burner's method is a frame");
        HttpResponse<byte[]> systemSvg = get(system.get("url").asText());
        assertEquals(200, systemSvg.statusCode());
        String systemText = parseSvg(systemSvg.body());
        assertTrue(systemText.contains("Triggered profile of every CPU"), systemText.substring(0, 400));
        String folded = new String(get(jvm.get("folded_url").asText()).body(), StandardCharsets.UTF_8);
        assertTrue(sharedBy(folded, "TriggerBurner.burnForTheTrigger") >= 0.5, folded);

        String id = jvm.get("id").asText();
        assertTrue(id.matches("\\d{8}T\\d{6}Z-cpu-utilization-pid-" + burner.pid() + "-java(-\\d+)?"), id);
        assertTrue(Files.isRegularFile(dir.resolve("profiles").resolve(id + ".svg")));
        assertTrue(Files.isRegularFile(dir.resolve("profiles/index.json")));

        String svgPath = "/api/v1/profiles/" + id + ".svg";
        String headers = "Host: 127.0.0.1\r\nAuthorization: Bearer " + agent.token() + "\r\n\r\n";
        assertEquals("HTTP/1.1 200", raw("GET " + svgPath + " HTTP/1.1\r\n" + headers));
        for (String bad : List.of("/api/v1/profiles/../../history.db", "/api/v1/profiles/index.json",
                "/api/v1/profiles/%2e%2e%2f%2e%2e%2fhistory.db", "/api/v1/profiles/..%2fprofiles%2f" + id + ".svg",
                "/api/v1/profiles/" + id + ".svg/../" + id + ".svg", "/api/v1/profiles/" + id + ".svg.tmp",
                "/api/v1/profiles/" + id + ".json", "/api/v1/profiles/.svg")) {
            assertEquals("HTTP/1.1 404", raw("GET " + bad + " HTTP/1.1\r\n" + headers), bad);
        }
        assertEquals("HTTP/1.1 400", raw("GET /api/v1/profiles//etc/passwd HTTP/1.1\r\n" + headers), "an empty path segment");
    }

    @Test
    void aSecondLoadWithinTheGapStartsNoProfile() throws Exception {
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=30%for2s")),
                Duration.ofSeconds(1), Duration.ofMinutes(10), 50, 100L << 20, 99, "perf", false);
        agent = new RunningAgent(dir, Duration.ofMillis(500), trigger);
        Process first = burner(30);
        awaitLog("triggered profile ended", Duration.ofSeconds(30));
        int listed = list().size();
        first.destroyForcibly().waitFor();
        burner(15);
        awaitLog("holds, but the last profile started less than 10m ago", Duration.ofSeconds(30));
        // six more evaluations of the condition, however slowly a busy machine lets the agent sample
        agent.awaitSamples(6);
        assertEquals(listed, list().size(), agent.log());
        assertEquals(1, count(agent.log(), "triggered profile: cpu.utilization"), agent.log());
        assertEquals(1, count(agent.log(), "holds, but"), "said once per gap: " + agent.log());
    }

    @Test
    void aMissingPerfIsSaidOnceAtTheStartAndNeverTried() throws Exception {
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=0%")),
                Duration.ofMillis(500), Duration.ZERO, 50, 100L << 20, 99, "/nonexistent/perf", false);
        agent = new RunningAgent(dir, Duration.ofMillis(200), trigger);
        awaitLog("cpu.utilization>=0% holds, but nothing is recorded: perf cannot record every CPU here (said at the start), "
                + "and JVM profiles are off", Duration.ofSeconds(20));
        agent.awaitSamples(10);
        String log = agent.log();
        assertTrue(log.contains("triggered profiles: perf cannot record every CPU here, so cpu.utilization>=0% will record nothing, "
                + "and perf is not started: perf not found at /nonexistent/perf"), "said at the start: " + log);
        assertEquals(1, count(log, "perf not found at /nonexistent/perf"), log);
        assertEquals(1, count(log, "holds, but nothing is recorded"), "said once: " + log);
        assertEquals(0, count(log, "recording every CPU"), "no attempt: " + log);
        assertEquals(0, list().size());
    }

    @Test
    void aFailedAttemptStartsNoGapAndTheNextFiringRecords() throws Exception {
        Needs.tool("perf");
        Path calls = dir.resolve("perf-calls");
        Path perf = perfWrapper("if [ ! -e " + dir.resolve("failed-once") + " ]; then touch " + dir.resolve("failed-once")
                + "; echo 'perf wrapper: failing on purpose' >&2; exit 1; fi\nexec " + realPerf() + " \"$@\"\n", calls);
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=0%")),
                Duration.ofSeconds(1), Duration.ofMinutes(10), 50, 100L << 20, 99, perf.toString(), false);
        agent = new RunningAgent(dir, Duration.ofMillis(200), trigger);
        JsonNode system = await(p -> p.get("kind").asText().equals("system"), Duration.ofSeconds(60));
        assertTrue(system.get("samples").asLong() > 0, system.toString());
        String log = agent.log();
        assertTrue(log.contains("failing on purpose"), "the first attempt failed: " + log);
        assertTrue(log.contains("nothing written, so no gap"), log);
        // the written profile starts the gap: no third attempt
        agent.awaitSamples(10);
        assertEquals(2, count(agent.log(), "triggered profile: cpu.utilization"), agent.log());
        assertTrue(agent.log().contains("holds, but the last profile started less than 10m ago"), agent.log());
    }

    @Test
    void aPerfThatKeepsFailingIsRetriedLessAndLessOften() throws Exception {
        Path calls = dir.resolve("perf-calls");
        Path perf = perfWrapper("echo 'perf wrapper: failing on purpose' >&2; exit 1\n", calls);
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=0%")),
                Duration.ofMillis(500), Duration.ZERO, 50, 100L << 20, 99, perf.toString(), false);
        long start = System.nanoTime();
        agent = new RunningAgent(dir, Duration.ofMillis(100), trigger);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (perfCalls(calls) < 4 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(perfCalls(calls) >= 4, "it retries: " + agent.log());
        // waits of 0.5, 1 and 2 s between the four attempts (a perf started at every 100 ms sample would be 40 a 4 s)
        assertTrue(seconds >= 3.5, perfCalls(calls) + " perf runs in " + seconds + " s; log: " + agent.log());
        assertEquals(1, count(agent.log(), "failing on purpose"), "the reason once: " + agent.log());
    }

    /** An executable perf at DIR/bin/perf that logs each run to {@code calls} and then runs {@code body}. */
    Path perfWrapper(String body, Path calls) throws Exception {
        Path perf = Files.createDirectories(dir.resolve("bin")).resolve("perf");
        Files.writeString(perf, "#!/bin/sh\necho \"$@\" >> " + calls + "\n" + body);
        perf.toFile().setExecutable(true);
        return perf;
    }

    static String realPerf() {
        for (String d : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(d, "perf"))) {
                return Path.of(d, "perf").toString();
            }
        }
        throw new AssertionError("no perf on PATH");
    }

    static long perfCalls(Path calls) throws Exception {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith("record")).count() : 0;
    }

    @Test
    void stoppingTheAgentMidProfileEndsTheRecordingEarlyAndKeepsIt() throws Exception {
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("cpu.utilization>=0%")),
                Duration.ofMinutes(5), Duration.ofMinutes(10), 50, 100L << 20, 99, "perf", false);
        agent = new RunningAgent(dir, Duration.ofMillis(200), trigger);
        awaitLog("triggered profile: cpu.utilization", Duration.ofSeconds(20));
        Thread.sleep(1500);
        long start = System.nanoTime();
        agent.close();
        agent = null;
        double closeSeconds = (System.nanoTime() - start) / 1e9;
        assertTrue(closeSeconds < 15, "close took " + closeSeconds + " s");
        JsonNode index = JSON.readTree(dir.resolve("profiles/index.json").toFile());
        assertEquals(1, index.size(), index.toString());
        assertEquals("system", index.get(0).get("kind").asText());
        assertTrue(index.get(0).get("durationSeconds").asDouble() < 60, index.toString());
        assertTrue(index.get(0).get("samples").asLong() > 0, index.toString());
    }

    Process burner(int seconds) throws Exception {
        String cp = Path.of(TriggerBurner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, TriggerBurner.class.getName(), Integer.toString(seconds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("ready", line);
        return p;
    }

    /** The first listed profile that matches, waiting for it. */
    JsonNode await(java.util.function.Predicate<JsonNode> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode list = list();
        while (System.nanoTime() < deadline) {
            for (JsonNode p : list) {
                if (wanted.test(p)) {
                    return p;
                }
            }
            Thread.sleep(250);
            list = list();
        }
        throw new AssertionError("no such profile within " + timeout.toSeconds() + " s: " + list + "; log: " + agent.log());
    }

    void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!agent.log().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(agent.log().contains(text), "no '" + text + "' in the log: " + agent.log());
    }

    JsonNode list() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/profiles");
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body()).get("profiles");
    }

    /** With the agent's own token, which profiles need (ProfileTokenTest). */
    HttpResponse<byte[]> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(agent.base() + path)).header("Authorization", "Bearer " + agent.token()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Well-formed XML with frames; returns the text of every frame's title. */
    static String parseSvg(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        // a frame is a <g> holding a <title> and a <rect>; a JIT-inlined burner may have only a few
        int frames = 0;
        var groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            var g = (org.w3c.dom.Element) groups.item(i);
            if (g.getElementsByTagName("title").getLength() == 1 && g.getElementsByTagName("rect").getLength() == 1) {
                frames++;
            }
        }
        assertTrue(frames >= 2, frames + " frames: the root and at least one below it");
        return doc.getDocumentElement().getTextContent();
    }

    /** The share of the samples of folded stacks whose stack has {@code frame}. */
    static double sharedBy(String folded, String frame) {
        long all = 0;
        long with = 0;
        Matcher m = Pattern.compile("(?m)^(.*) (\\d+)$").matcher(folded);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            all += n;
            if (m.group(1).contains(frame)) {
                with += n;
            }
        }
        return all == 0 ? 0 : (double) with / all;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", agent.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] head = s.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.ISO_8859_1);
        }
    }
}
