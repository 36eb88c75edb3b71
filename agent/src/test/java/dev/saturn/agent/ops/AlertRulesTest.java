package dev.saturn.agent.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.testkit.Needs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A rule without a case where it fires, and one where it does not, could page on anything or never. */
    @Test
    void everyRuleHasAFiringAndANotFiringCase() throws Exception {
        String rules = Files.readString(DIR.resolve("saturn-rules.yml"));
        String tests = Files.readString(DIR.resolve("saturn-rules.test.yml"));
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        Matcher c = Pattern.compile("(?m)^ *alertname: (\\S+)\n *exp_alerts:( \\[])?").matcher(tests);
        while (c.find()) {
            (c.group(2) == null ? firing : silent).add(c.group(1));
        }
        Matcher r = Pattern.compile("(?m)^ *- alert: (\\S+)").matcher(rules);
        int count = 0;
        while (r.find()) {
            count++;
            assertTrue(firing.contains(r.group(1)), r.group(1) + " has a case where it fires");
            assertTrue(silent.contains(r.group(1)), r.group(1) + " has a case where it does not");
        }
        assertEquals(6, count, "rules found in saturn-rules.yml");
    }

    /** The errors alert pages on new errors only: a counter that stays at old errors never fires it. */
    @Test
    void useErrorsPageOnNewErrorsOnly() throws Exception {
        String rules = Files.readString(DIR.resolve("saturn-rules.yml"));
        assertTrue(rules.contains("expr: increase(saturn_use_errors_total[5m]) > 0"), rules);
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
