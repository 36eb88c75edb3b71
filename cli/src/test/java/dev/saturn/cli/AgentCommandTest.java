package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.history.HistoryWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent refuses to start unsafe or impossible setups, each with one line that says what to do. */
class AgentCommandTest {
    @TempDir
    Path dir;

    CliRun agent(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "agent";
        all[1] = "--data-dir";
        all[2] = dir.resolve("data").toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    static void assertRefused(CliRun run, String says) {
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError(), run.err());
        assertTrue(run.err().contains(says), run.err());
    }

    @Test
    void aNonLoopbackAddressNeedsATokenOrInsecure() {
        assertRefused(agent("--listen", "0.0.0.0:0"), "is reachable from other hosts: give --auth-token-file FILE");
        assertRefused(agent("--listen", ":0"), "--auth-token-file");
    }

    @Test
    void theTokenFileMustBePrivateAndHoldAToken() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "0123456789abcdef0123\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused(agent("--listen", "0.0.0.0:0", "--auth-token-file", token.toString()), "chmod 600");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(token, "short\n");
        assertRefused(agent("--listen", "0.0.0.0:0", "--auth-token-file", token.toString()), "at least 16 printable characters");
        assertRefused(agent("--auth-token-file", dir.resolve("absent").toString()), "no such file");
        assertRefused(agent("--insecure", "--auth-token-file", token.toString()), "contradict");
    }

    @Test
    void badOptionsAreRefused() {
        assertRefused(agent("--listen", "localhost"), "has no port");
        assertRefused(agent("--listen", "127.0.0.1:99999"), "port must be a number");
        assertRefused(agent("--interval", "10ms"), "too short");
        assertRefused(agent("--allowed-host", "web1.example.net:9273"), "without scheme, port or path");
        assertRefused(agent("--allowed-host", "http://web1"), "--allowed-host http://web1: give a host name");
        assertEquals(2, agent("--retention", "7y").exit());
        assertEquals(2, agent("--max-size", "10k").exit());
    }

    @Test
    void aRetentionUnderAnHourMustBeMeant() throws Exception {
        assertRefused(agent("--retention", "30s"), "--retention 30s keeps less than an hour of history (a typo for days?):"
                + " give --retention 30d for days, or add --allow-short-retention to mean it");
        assertRefused(agent("--retention", "59m"), "--allow-short-retention");
        // accepted: these runs stop later, at the busy port
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String busy = "127.0.0.1:" + taken.getLocalPort();
            assertRefused(agent("--retention", "30s", "--allow-short-retention", "--listen", busy), "choose another with --listen");
            assertRefused(agent("--retention", "1h", "--listen", busy), "choose another with --listen");
        }
    }

    @Test
    void helpTeachesTriggersWithoutPicocliWarnings() {
        // picocli warns on System.err about a '%' it cannot format (its text then keeps "%%")
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new java.io.PrintStream(warnings, true));
            run = CliRun.of("agent", "--help");
        } finally {
            System.setErr(stderr);
        }
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("--trigger 'cpu.utilization>=80%for1m'"), run.out());
        assertTrue(run.out().contains("stays at 90 % for 30 s"), run.out());
        assertEquals("", warnings.toString() + run.err());
    }

    @Test
    void badTriggerSettingsAreRefused() throws Exception {
        assertRefused(agent("--trigger", "cpu>90"), "is not RESOURCE.METRIC>=VALUE[%][forDURATION] (e.g. 'cpu.utilization>=90%for30s'");
        assertRefused(agent("--profile-duration", "20m"), "profile duration 20m is out of range: give 500ms to 10m");
        assertRefused(agent("--profiles-keep", "0"), "keep at least 1 profile");
        Path config = dir.resolve("agent.properties");
        Files.writeString(config, "trigger.duraton=5s\n");
        assertRefused(agent("--config", config.toString()), config + ": unknown setting 'trigger.duraton'");
        Files.writeString(config, "trigger.ring.seconds = 600\n");
        assertRefused(agent("--config", config.toString()), config + ": trigger.ring.seconds 600 is out of range: give 5 to 120");
        Files.writeString(config, "trigger.ring.frequency = 0\n");
        assertRefused(agent("--config", config.toString(), "--no-ring"), config + ": trigger.ring.frequency 0 is out of range: give 1 to 99 Hz");
        // trigger.* keys beside thresholds are the agent's own: accepted (this run stops later, at the busy port)
        Files.writeString(config, "trigger.cpu_utilization=80\ntrigger.cpu_utilization.for=1m\ncpu.runq_per_cpu.warn=2\n"
                + "trigger.ring = false\ntrigger.ring.seconds = 60\ntrigger.ring.frequency = 9\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertRefused(agent("--config", config.toString(), "--listen", "127.0.0.1:" + taken.getLocalPort()), "choose another with --listen");
        }
    }

    @Test
    void aBusyPortOrALockedHistoryIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertRefused(agent("--listen", "127.0.0.1:" + taken.getLocalPort()), "choose another with --listen");
        }
        try (HistoryWriter other = HistoryWriter.open(dir.resolve("data"))) {
            assertRefused(agent("--listen", "127.0.0.1:0"), "another saturn agent writes history in");
        }
    }
}
