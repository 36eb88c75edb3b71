package dev.saturn.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** packaging/prometheus/saturn-rules.yml, the fleet's alert rules: valid, and firing as their unit tests say. */
class AlertRulesTest {
    static final Path DIR = Path.of("..", "packaging", "prometheus").toAbsolutePath().normalize();

    @Test
    void rulesPassPromtoolCheckRules() throws Exception {
        String out = promtool("check", "rules", DIR.resolve("saturn-rules.yml").toString());
        assertTrue(out.contains("SUCCESS: 6 rules found"), out);
    }

    @Test
    void rulesFireAsTheirUnitTestsExpect() throws Exception {
        String out = promtool("test", "rules", DIR.resolve("saturn-rules.test.yml").toString());
        assertTrue(out.contains("SUCCESS"), out);
    }

    private static String promtool(String... args) throws Exception {
        assertTrue(Files.isDirectory(DIR), "no " + DIR);
        String[] command = new String[args.length + 1];
        command[0] = Needs.tool("promtool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
