package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * `saturn use --cgroup PATH` reads another group's quota, usage and throttling: a busy loop in a group
 * capped at half a CPU shows that cap, about 100 % of it used, and most periods throttled. The group has the
 * highest CPU weight, so that it gets its half CPU on a busy machine too (beside stress-ng it used 59 % of it).
 */
class CgroupOptionTest {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    @Test
    void aGroupCappedAtHalfACpuIsReportedAgainstItsQuota() throws Exception {
        boolean v2 = Files.exists(ROOT.resolve("cgroup.controllers"));
        String name = "/saturn-cgroup-test-" + ProcessHandle.current().pid();
        List<Path> dirs = new ArrayList<>();
        if (v2) {
            Needs.machine(Files.isWritable(ROOT.resolve("cgroup.subtree_control")), "cgroup v2 not writable here (needs root)");
            Files.writeString(ROOT.resolve("cgroup.subtree_control"), "+cpu");
            dirs.add(ROOT.resolve(name.substring(1)));
        } else {
            for (String hierarchy : List.of("cpu", "cpuacct", "memory")) {
                Path h = ROOT.resolve(hierarchy);
                Needs.machine(Files.isWritable(h), "cgroup v1 " + h + " not writable here (needs root)");
                dirs.add(h.resolve(name.substring(1)));
            }
        }
        for (Path d : dirs) {
            Files.createDirectories(d);
        }
        Process loop = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            if (v2) {
                Files.writeString(dirs.get(0).resolve("cpu.max"), "50000 100000");
                Files.writeString(dirs.get(0).resolve("cpu.weight"), "10000");
            } else {
                Files.writeString(dirs.get(0).resolve("cpu.cfs_period_us"), "100000");
                Files.writeString(dirs.get(0).resolve("cpu.cfs_quota_us"), "50000");
                Files.writeString(dirs.get(0).resolve("cpu.shares"), "262144");
            }
            for (Path d : dirs) {
                Files.writeString(d.resolve("cgroup.procs"), Long.toString(loop.pid()));
            }
            CliRun run = CliRun.of("use", "--cgroup", name, "--json", "--interval", "2s");
            assertEquals(0, run.exit(), run.err());
            JsonNode row = null;
            for (JsonNode r : new ObjectMapper().readTree(run.out()).get("resources")) {
                if (r.get("resource").asText().equals("cgroup")) {
                    row = r;
                }
            }
            assertTrue(row != null, run.out());
            assertEquals(name, row.get("device").asText());
            JsonNode m = row.get("metrics");
            assertEquals(0.5, m.get("cpu_quota_cores").asDouble(), 1e-9, row.toString());
            double used = m.get("cpu_quota_used_pct").asDouble();
            assertTrue(used > 80 && used < 110, "a busy loop capped at half a CPU uses about all of it: " + used);
            assertTrue(m.get("throttled_pct").asDouble() > 50, "most periods throttled: " + row);
        } finally {
            loop.destroyForcibly();
            loop.waitFor(10, TimeUnit.SECONDS);
            Path procs = dirs.get(0).resolve("cgroup.procs");
            Poll.untilTrue(Duration.ofSeconds(30), "an empty " + procs, () -> Files.readString(procs).isBlank());
            for (Path d : dirs) {
                Files.deleteIfExists(d);
            }
        }
    }

    @Test
    void aGroupThatDoesNotExistIsAOneLineError() {
        CliRun missing = CliRun.of("use", "--cgroup", "/no-such-group-here");
        assertEquals(2, missing.exit());
        assertTrue(missing.oneLineError() && missing.err().contains("no cgroup /no-such-group-here")
                && missing.err().contains("as /proc/PID/cgroup shows it"), missing.err());
        CliRun dots = CliRun.of("use", "--cgroup", "/a/../b");
        assertEquals(2, dots.exit());
        assertTrue(dots.oneLineError() && dots.err().contains("no '.' or '..'"), dots.err());
        CliRun empty = CliRun.of("use", "--cgroup", "");
        assertEquals(2, empty.exit());
        assertTrue(empty.oneLineError() && empty.err().contains("no cgroup path given"), empty.err());
        CliRun agent = CliRun.of("agent", "--cgroup", "/no-such-group-here", "--data-dir", "/tmp/saturn-cgroup-option-test");
        assertEquals(2, agent.exit());
        assertTrue(agent.oneLineError() && agent.err().contains("no cgroup /no-such-group-here"), agent.err());
    }
}
