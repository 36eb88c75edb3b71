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
            JsonNode row = cgroupRow(run);
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

    /**
     * A process writes a file near the size of its group's memory limit and syncs it: the clean page
     * cache is charged to the group, so raw usage is near the limit, but the kernel would drop that
     * cache at once. The row judges the working set (usage less inactive file pages), as the kubelet.
     */
    @Test
    void aGroupFullOfCleanPageCacheIsNotNearItsMemoryLimit(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        boolean v2 = Files.exists(ROOT.resolve("cgroup.controllers"));
        String name = "/saturn-cache-test-" + ProcessHandle.current().pid();
        Path dir;
        if (v2) {
            Needs.machine(Files.isWritable(ROOT.resolve("cgroup.subtree_control")), "cgroup v2 not writable here (needs root)");
            Files.writeString(ROOT.resolve("cgroup.subtree_control"), "+memory");
            dir = ROOT.resolve(name.substring(1));
        } else {
            Needs.machine(Files.isWritable(ROOT.resolve("memory")), "cgroup v1 memory not writable here (needs root)");
            dir = ROOT.resolve("memory").resolve(name.substring(1));
        }
        Files.createDirectories(dir);
        long limit = 64L << 20;
        Files.writeString(dir.resolve(v2 ? "memory.max" : "memory.limit_in_bytes"), Long.toString(limit));
        Path go = tmp.resolve("go");
        Path done = tmp.resolve("done");
        Process writer = new ProcessBuilder("sh", "-c", "while [ ! -e " + go + " ]; do sleep 0.05; done; dd if=/dev/zero of="
                + tmp.resolve("cache") + " bs=1M count=56 conv=fsync 2>/dev/null; touch " + done + "; exec sleep 120").start();
        try {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(writer.pid()));
            Files.createFile(go);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(done)) {
                assertTrue(System.nanoTime() < deadline && writer.isAlive(), "the writer did not finish its file");
                Thread.sleep(50);
            }
            CliRun run = CliRun.of("use", "--cgroup", name, "--json", "--interval", "200ms");
            assertEquals(0, run.exit(), run.err());
            JsonNode row = cgroupRow(run);
            JsonNode m = row.get("metrics");
            double raw = 100.0 * m.get("memory_bytes").asDouble() / limit;
            assertTrue(raw > 80, "56 MiB of cache in a 64 MiB group: raw usage near the limit, " + row);
            assertTrue(m.get("memory_limit_used_pct").asDouble() < 50, "the working set leaves the clean cache out: " + row);
            assertTrue(!row.get("utilization").get("status").asText().equals("crit"), row.toString());
        } finally {
            writer.destroyForcibly();
            writer.waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.exists(dir)) {
                try {
                    Files.delete(dir);
                } catch (java.io.IOException busy) {
                    if (System.nanoTime() > deadline) {
                        throw busy;
                    }
                    Thread.sleep(50);
                }
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

    private static JsonNode cgroupRow(CliRun run) throws Exception {
        for (JsonNode r : new ObjectMapper().readTree(run.out()).get("resources")) {
            if (r.get("resource").asText().equals("cgroup")) {
                return r;
            }
        }
        throw new AssertionError("no cgroup row in " + run.out());
    }
}
