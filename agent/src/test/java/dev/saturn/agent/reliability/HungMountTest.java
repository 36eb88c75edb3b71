package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.testkit.Needs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network mount whose server stopped answering: statvfs on it blocks forever. The agent must keep
 * its pace (the mount costs one 1-second timeout, once, not one per sample), mark that filesystem
 * unavailable with the reason, and not pile up a stuck thread per sample. The mount: a FUSE
 * filesystem whose daemon never answers (hung-mount.c, built with gcc).
 */
class HungMountTest {
    static final Duration INTERVAL = Duration.ofMillis(250);
    @TempDir
    Path tmp;

    @Test
    void aHungStatvfsCostsOneTimeoutNotOnePerSample() throws Exception {
        Root.require("mounting a FUSE filesystem");
        Needs.machine(Files.exists(Path.of("/dev/fuse")), "no /dev/fuse on this machine (modprobe fuse), so no hung mount to make");
        Needs.tool("gcc");
        Path source = tmp.resolve("hung-mount.c");
        try (var in = HungMountTest.class.getResourceAsStream("hung-mount.c")) {
            Files.copy(in, source);
        }
        Path binary = tmp.resolve("hung-mount");
        Root.run("gcc", "-O", "-o", binary.toString(), source.toString());
        Path mount = Files.createDirectories(tmp.resolve("hung"));
        Process daemon = new ProcessBuilder(binary.toString(), mount.toString()).redirectErrorStream(true).start();
        String mountPoint = mount.toString();
        try {
            String first = new BufferedReader(new InputStreamReader(daemon.getInputStream())).readLine();
            assertEquals("mounted", first, "the hung mount is in place");
            try (RunningAgent agent = new RunningAgent(tmp.resolve("data"), INTERVAL)) {
                agent.awaitSamples(12);
                ResourceUse row = agent.agent.latest().get().orElseThrow().resources().stream()
                        .filter(r -> r.resource().equals("filesystem") && Objects.equals(r.device(), mountPoint))
                        .findFirst().orElseThrow(() -> new AssertionError("no filesystem row for " + mountPoint));
                assertTrue(row.utilization().reason().contains("statvfs(" + mountPoint + ")")
                        && row.utilization().reason().contains("hung mount?"), row.utilization().reason());
                long stuck = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("statvfs")).count();
                assertTrue(stuck <= 4, stuck + " statvfs threads after 12 samples: one per sample would be a leak");
            }
            try (HistoryReader reader = HistoryReader.open(tmp.resolve("data"))) {
                List<UseReport> all = reader.range(Instant.EPOCH, Instant.now().plusSeconds(5), null, 1000);
                long slow = all.stream().filter(r -> r.intervalSeconds() > 1.0).count();
                assertTrue(slow <= 2, slow + " of " + all.size() + " intervals took over a second: the hung mount"
                        + " delayed more than its first sample");
            }
        } finally {
            daemon.destroyForcibly();
            daemon.waitFor();
            Root.run("umount", "-l", mountPoint);
        }
    }
}
