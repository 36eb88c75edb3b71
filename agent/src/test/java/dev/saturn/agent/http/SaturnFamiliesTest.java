package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saturn's own families on a real agent's page: the naming guide (no resource label repeating the name, no
 * stutter), saturn_build_info, and saturn_use_errors_total beside each errors cell, equal to the kernel's counter.
 */
class SaturnFamiliesTest {
    @TempDir
    Path dir;

    @Test
    void ownFamiliesFollowTheNamingGuideAndCountTheErrorsOfEachCell() throws Exception {
        try (RunningAgent agent = new RunningAgent(Files.createDirectory(dir.resolve("data")), Duration.ofMillis(200))) {
            agent.awaitSamples(3);
            long oomBefore = vmstatOomKill();
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.base() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long oomAfter = vmstatOomKill();
            Exposition page = Exposition.parse(text);

            Map<Map<String, String>, Double> build = page.family("saturn_build_info");
            assertEquals(1, build.size(), text);
            String version = build.keySet().iterator().next().get("version");
            assertTrue(version != null && !version.isEmpty(), "a version label: " + build);
            assertNotEquals("unknown", version, "Maven wrote the version into the build");

            for (Map.Entry<String, Map<Map<String, String>, Double>> f : page.families().entrySet()) {
                if (f.getKey().startsWith("saturn_") && !f.getKey().startsWith("saturn_use_")) {
                    for (Map<String, String> labels : f.getValue().keySet()) {
                        assertFalse(labels.containsKey("resource"), f.getKey() + " has no resource label repeating its name: " + labels);
                    }
                }
            }
            assertFalse(text.contains("saturn_cgroup_cgroup_"), "no stutter");

            double oom = page.family("saturn_use_errors_total").get(Map.of("resource", "memory", "metric", "oom_kills"));
            assertTrue(oom >= oomBefore && oom <= oomAfter, "OOM kills since boot, as /proc/vmstat says: " + oom
                    + " against " + oomBefore + ".." + oomAfter);
            assertEquals(page.family("node_vmstat_oom_kill").get(Map.of()), oom, "the same count under node_exporter's name");
            int cells = 0;
            for (Map<String, String> status : page.family("saturn_use_status").keySet()) {
                if (status.get("cell").equals("errors") && status.get("resource").equals("network")) {
                    cells++;
                    assertTrue(page.family("saturn_use_errors_total").containsKey(
                            Map.of("resource", "network", "device", status.get("device"), "metric", "errors")),
                            "the errors cell of " + status.get("device") + " has its counter");
                }
            }
            assertTrue(cells > 0, "lo at least has a network row");
        }
    }

    private static long vmstatOomKill() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/vmstat"))) {
            if (line.startsWith("oom_kill ")) {
                return Long.parseLong(line.substring("oom_kill ".length()).strip());
            }
        }
        throw new AssertionError("no oom_kill in /proc/vmstat");
    }
}
