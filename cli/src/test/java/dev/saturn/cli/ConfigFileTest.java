package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saturn.agent.trigger.TriggerConfig;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.cli.options.ConfigFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One --config file for `saturn use` and `saturn agent`: thresholds and trigger.* keys, # comments anywhere. */
class ConfigFileTest {
    private static final Path FIXTURES = Path.of("../analyzers/src/test/resources/fixtures/vm-2cpu-saturn");
    private static final String LOAD_0 = FIXTURES.resolve("load-0").toString();
    private static final String LOAD_1 = FIXTURES.resolve("load-1").toString();
    @TempDir
    Path dir;

    /** The config example of docs/agent.md, as a user pastes it. */
    static String agentDocExample() throws Exception {
        String doc = Files.readString(Path.of("../docs/agent.md"));
        int intro = doc.indexOf("In the `--config` file");
        int start = doc.indexOf("```\n", intro) + 4;
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void theAgentDocsExampleWithThresholdsBesideItServesBothCommands() throws Exception {
        String example = agentDocExample();
        assertTrue(example.contains("# cpu.utilization>=80%"), "the example has inline comments: " + example);
        Path config = Files.writeString(dir.resolve("saturn.conf"),
                "# shared by saturn use and saturn agent\nutilization.crit = 99   # a comment after a threshold\n\n" + example);

        Properties settings = ConfigFile.read(config);
        TriggerConfig trigger = ConfigFile.trigger(config, settings, TriggerConfig.defaults(1 << 20));
        assertEquals(Duration.ofSeconds(20), trigger.duration());
        assertEquals(Duration.ofMinutes(30), trigger.minGap());
        assertEquals(20, trigger.keep());
        assertFalse(trigger.jvm());
        assertFalse(trigger.enabled(), "trigger.enabled = false  # as --no-trigger");
        Thresholds thresholds = ConfigFile.thresholds(config, settings);
        assertEquals(99, thresholds.band("utilization").crit());

        CliRun use = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--config", config.toString(), "--json");
        assertEquals(0, use.exit(), use.err());
        JsonNode cpu = new ObjectMapper().readTree(use.out()).get("resources").get(0);
        assertEquals("warn", cpu.get("utilization").get("status").asText(), "utilization.crit = 99 applied");

        // the port taken: with the file accepted, the agent stops at --listen instead of running on
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun agent = CliRun.of("agent", "--config", config.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertEquals(2, agent.exit(), agent.err());
            assertTrue(agent.err().contains("choose another with --listen"), agent.err());
        }
    }

    @Test
    void aLineThatIsNoSettingIsOneLineWithItsNumber() throws Exception {
        String[][] cases = {
            {"utilization.warn 80\n", "line 1: 'utilization.warn 80' is not a setting: give name = value, e.g. utilization.warn = 80"},
            {"# thresholds\nutilization.warn = 80\nutilization.warn = 85\n", "line 3: utilization.warn is set already on line 2"},
            {"\ntrigger.duration =   # later\n", "line 2: trigger.duration has no value"},
        };
        for (String[] c : cases) {
            Path config = Files.writeString(dir.resolve("bad.conf"), c[0]);
            CliRun use = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--config", config.toString());
            CliRun agent = CliRun.of("agent", "--config", config.toString(), "--data-dir", dir.resolve("data").toString());
            for (CliRun run : new CliRun[] {use, agent}) {
                assertEquals(2, run.exit(), run.err());
                assertTrue(run.oneLineError(), run.err());
                assertEquals("saturn: " + config + " " + c[1], run.err().strip());
            }
        }
    }

    @Test
    void useChecksTheTriggerKeysItSharesTheFileWith() throws Exception {
        Path config = Files.writeString(dir.resolve("typo.conf"), "utilization.warn = 80\ntrigger.duraton = 5s\n");
        CliRun run = CliRun.of("use", "--snapshot-pair", LOAD_0, LOAD_1, "--config", config.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.oneLineError() && run.err().contains(config + ": unknown setting 'trigger.duraton'"), run.err());
    }
}
