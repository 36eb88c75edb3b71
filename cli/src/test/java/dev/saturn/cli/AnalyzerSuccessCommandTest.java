package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `saturn use --json` says per resource whether its analysis succeeded: a snapshot tree whose
 * /proc/net/softnet_stat is garbled gives softnet false, with the file in its reason, and every other
 * resource true; a resource given to --disable is neither analysed nor listed.
 */
class AnalyzerSuccessCommandTest {
    private static final Path FIXTURES = Path.of("../analyzers/src/test/resources/fixtures/vm-2cpu-saturn");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void aGarbledFileFailsItsResourceOnlyAndADisabledResourceIsAbsent() throws Exception {
        Path before = copy(FIXTURES.resolve("load-0"), tmp.resolve("before"));
        Path after = copy(FIXTURES.resolve("load-1"), tmp.resolve("after"));
        Files.writeString(after.resolve("proc/net/softnet_stat"), "not\u0001a softnet table\n");

        // a snapshot tree holds no PMU counts: interconnect could only fail here
        CliRun run = CliRun.of("use", "--snapshot-pair", before.toString(), after.toString(), "--json",
                "--disable", "interconnect", "--disable", "tcp");
        assertEquals(0, run.exit(), run.err());
        JsonNode root = JSON.readTree(run.out());
        Map<String, JsonNode> outcomes = new LinkedHashMap<>();
        root.get("analyzers").forEach(a -> outcomes.put(a.get("resource").asText(), a));

        assertEquals(List.of("cpu", "memory", "disk", "io", "network", "softnet", "udp", "filesystem",
                "file_descriptors", "tasks", "cgroup"), List.copyOf(outcomes.keySet()));
        JsonNode softnet = outcomes.get("softnet");
        assertFalse(softnet.get("success").asBoolean(), softnet.toString());
        assertTrue(softnet.get("reason").asText().contains("softnet_stat is garbled"), softnet.toString());
        outcomes.forEach((resource, a) -> {
            if (!resource.equals("softnet")) {
                assertTrue(a.get("success").asBoolean(), a.toString());
            }
        });
        root.get("resources").forEach(r -> assertFalse(List.of("tcp", "interconnect").contains(r.get("resource").asText()),
                "a disabled resource's row: " + r));
    }

    @Test
    void anUnknownResourceIsAOneLineErrorThatListsThem() {
        CliRun run = CliRun.of("use", "--snapshot-pair", FIXTURES.resolve("load-0").toString(),
                FIXTURES.resolve("load-1").toString(), "--disable", "gpu");
        assertEquals(2, run.exit());
        assertEquals("saturn: --disable gpu: no such resource; the resources are cpu, memory, disk, io, network, softnet,"
                + " tcp, udp, filesystem, file_descriptors, tasks, cgroup, interconnect", run.err().strip());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
