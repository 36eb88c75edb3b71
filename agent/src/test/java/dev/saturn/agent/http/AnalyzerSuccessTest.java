package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.saturn.agent.RunningAgent;
import dev.saturn.collectors.HostPaths;
import dev.saturn.testkit.FakeProcRoot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saturn_use_analyzer_success on a real agent's /metrics: the host's /proc with a garbled
 * net/softnet_stat (--proc-root) gives softnet 0 and every other resource 1; a disabled resource has
 * neither the gauge nor any figure.
 */
class AnalyzerSuccessTest {
    @TempDir
    Path dir;

    @Test
    void aGarbledFileFailsItsResourceOnlyAndADisabledResourceIsAbsent() throws Exception {
        try (FakeProcRoot proc = FakeProcRoot.create(dir.resolve("proc"), Map.of())) {
            garbleSoftnet(proc.dir);
            // interconnect needs a PMU, which a VM lacks: left out here so that its 0 is not this test's
            HostPaths paths = HostPaths.liveAt(proc.dir, Path.of("/sys"));
            try (RunningAgent agent = new RunningAgent(Files.createDirectory(dir.resolve("data")), Duration.ofMillis(200),
                    paths, Set.of("interconnect", "tcp"))) {
                agent.awaitSamples(2);
                String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(agent.base() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Map<String, Double> success = new LinkedHashMap<>();
                Exposition.parse(text).family("saturn_use_analyzer_success").forEach((labels, v) -> success.put(labels.get("resource"), v));

                Map<String, Double> expected = new LinkedHashMap<>();
                for (String resource : List.of("cpu", "memory", "disk", "io", "network", "softnet", "udp", "filesystem",
                        "file_descriptors", "tasks", "cgroup")) {
                    expected.put(resource, resource.equals("softnet") ? 0.0 : 1.0);
                }
                assertEquals(expected, success, "log: " + agent.log());
                assertFalse(text.contains("saturn_tcp_") || text.contains("resource=\"tcp\""), text);
            }
        }
    }

    /** PROC/net as a directory of links into /proc/net but for softnet_stat, which holds garbage. */
    private static void garbleSoftnet(Path proc) throws Exception {
        Path net = proc.resolve("net");
        Files.delete(net);
        Files.createDirectory(net);
        try (Stream<Path> entries = Files.list(Path.of("/proc/net"))) {
            for (Path e : entries.toList()) {
                String name = e.getFileName().toString();
                if (!name.equals("softnet_stat")) {
                    Files.createSymbolicLink(net.resolve(name), Path.of("/proc/net").resolve(name));
                }
            }
        }
        Files.writeString(net.resolve("softnet_stat"), "not\u0001a softnet table\n");
    }
}
