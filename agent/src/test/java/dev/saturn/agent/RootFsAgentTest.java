package dev.saturn.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.collectors.HostPaths;
import dev.saturn.testkit.FakeProcRoot;
import dev.saturn.testkit.SmallDisk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent in a container (--proc-root /host/proc --root-fs /host) watches the host's file systems, tmpfs
 * included: a full 4 MiB tmpfs mounted at R/some/mnt, listed at /some/mnt in the proc root's mount table
 * (FakeProcRoot), is the /some/mnt row, crit at 100 %, with that size.
 */
class RootFsAgentTest {
    @TempDir
    Path tmp;

    @Test
    void theHostsFullTmpfsIsItsRowUnderTheRootFs() throws Exception {
        Path r = tmp.resolve("host");
        try (SmallDisk disk = SmallDisk.mount(r.resolve("some/mnt"), "4m", "theHostsFullTmpfsIsItsRowUnderTheRootFs");
                FakeProcRoot proc = FakeProcRoot.create(tmp.resolve("proc"), Map.of("/some/mnt", disk.mount))) {
            disk.fill();
            HostPaths paths = HostPaths.liveAt(proc.dir, Path.of("/sys")).withRootFs(r);
            try (RunningAgent agent = new RunningAgent(tmp.resolve("data"), Duration.ofMillis(200), paths)) {
                agent.awaitSamples(2);
                ResourceUse row = agent.agent.latest().get().orElseThrow().resources().stream()
                        .filter(x -> x.resource().equals("filesystem") && Objects.equals(x.device(), "/some/mnt"))
                        .findFirst().orElseThrow(() -> new AssertionError("no /some/mnt row; log: " + agent.log()));
                assertEquals(4L * 1024 * 1024, row.metric("size_bytes").longValue(), row.toString());
                assertEquals(Status.CRIT, row.utilization().status(), row.toString());
                assertEquals(100, row.metric("used_pct"), 0.01, row.toString());
            }
        }
    }
}
