package dev.saturn.collectors.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permission rules of perf_event_paranoid, for a user who is not root (the tests run as root,
 * where perf itself cannot be refused, so the rules are checked on their own).
 */
class PerfAccessTest {
    @TempDir
    Path dir;

    @Test
    void systemWideNeedsParanoidZeroOrLessWithoutPrivilege() {
        Optional<String> refused = new PerfAccess(2, false).refusal(true);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().contains("sysctl kernel.perf_event_paranoid=0") && refused.get().contains("it is 2"), refused.get());
        assertTrue(new PerfAccess(1, false).refusal(true).isPresent());
        assertFalse(new PerfAccess(0, false).refusal(true).isPresent());
        assertFalse(new PerfAccess(-1, false).refusal(true).isPresent());
    }

    @Test
    void oneProcessIsAllowedUpToTwoAndRefusedAtThree() {
        assertFalse(new PerfAccess(2, false).refusal(false).isPresent());
        String refused = new PerfAccess(3, false).refusal(false).orElseThrow();
        assertTrue(refused.contains("sysctl kernel.perf_event_paranoid=2"), refused);
    }

    @Test
    void privilegeBypassesTheSysctl() {
        assertFalse(new PerfAccess(3, true).refusal(true).isPresent());
        assertFalse(new PerfAccess(3, true).kernelFramesHidden());
        assertTrue(new PerfAccess(2, false).kernelFramesHidden());
        assertFalse(new PerfAccess(1, false).kernelFramesHidden());
    }

    @Test
    void privilegeIsRootOrCapPerfmonOrCapSysAdmin() throws Exception {
        assertTrue(PerfAccess.privileged(status("Uid:\t1000\t0\t0\t0\nCapEff:\t0000000000000000\n")), "effective uid 0");
        assertFalse(PerfAccess.privileged(status("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n")));
        assertTrue(PerfAccess.privileged(status("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000004000000000\n")), "CAP_PERFMON (38)");
        assertTrue(PerfAccess.privileged(status("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000200000\n")), "CAP_SYS_ADMIN (21)");
        assertTrue(PerfAccess.mayMount(status("Uid:\t1000\t0\t0\t0\nCapEff:\t0000000000000000\n")), "effective uid 0 may mount");
        assertTrue(PerfAccess.mayMount(status("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000200000\n")), "CAP_SYS_ADMIN may mount");
        assertFalse(PerfAccess.mayMount(status("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000004000000000\n")), "CAP_PERFMON may not");
    }

    @Test
    void theLiveSysctlIsRead() throws Exception {
        Path live = Path.of("/proc/sys/kernel/perf_event_paranoid");
        if (Files.exists(live)) {
            assertEquals(Integer.parseInt(Files.readString(live).strip()), PerfAccess.ofThisProcess().paranoid());
        }
        Files.writeString(dir.resolve("p"), "garbage\n");
        assertEquals(null, PerfAccess.paranoid(dir.resolve("p")));
    }

    private Path status(String text) throws Exception {
        Path p = dir.resolve("status");
        Files.writeString(p, "Name:\tx\n" + text);
        return p;
    }
}
