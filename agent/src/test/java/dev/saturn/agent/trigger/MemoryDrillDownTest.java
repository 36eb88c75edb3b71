package dev.saturn.agent.trigger;

import static dev.saturn.agent.trigger.DrillDown.awaitProfile;
import static dev.saturn.agent.trigger.DrillDown.counts;
import static dev.saturn.agent.trigger.DrillDown.json;
import static dev.saturn.agent.trigger.DrillDown.link;
import static dev.saturn.agent.trigger.DrillDown.planNames;
import static dev.saturn.agent.trigger.DrillDown.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saturn.agent.RunningAgent;
import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.testkit.LoadProgram;
import dev.saturn.testkit.Needs;
import dev.saturn.testkit.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent drills down into memory, on a real load: a C program growing by 16 MiB a second, an agent whose trigger is
 * the memory used (at 1%, which any host passes), real perf. The profile is the grower's page faults, the process table
 * beside it names the grower, and the memory finding links the profile in /api/v1/use; without --auth-token-file the
 * report routes are open, so the link there carries no lead (the profile's entry does).
 */
class MemoryDrillDownTest {
    private static final int MIB_PER_SECOND = 16;
    @TempDir
    Path tmp;
    Process grower;
    RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (grower != null) {
            grower.destroyForcibly().waitFor();
        }
    }

    @Test
    void theGrowerIsProfiledByItsPageFaults() throws Exception {
        Needs.tools("perf", "gcc");
        Path load = LoadProgram.compile(tmp);
        grower = LoadProgram.start(load, "grow", Integer.toString(MIB_PER_SECOND));
        // a memory finding at 1% used: memory's utilization has the "utilization" band (the CPU's too)
        Properties low = new Properties();
        low.setProperty("utilization.warn", "1");
        TriggerConfig trigger = new TriggerConfig(List.of(TriggerCondition.parse("memory.used_pct>=1%")),
                Duration.ofSeconds(2), Duration.ZERO, 50, 200L << 20, 99, "perf", false);
        agent = new RunningAgent(Files.createDirectory(tmp.resolve("data")), Duration.ofMillis(500), null, Clock.systemUTC(), trigger,
                Thresholds.defaults().with(low));
        JsonNode profile = awaitProfile(agent, p -> p.path("event").asText().equals("page-faults") && planNames(agent, p, grower.pid()),
                Duration.ofSeconds(120));

        assertEquals("processes", profile.get("kind").asText(), profile.toString());
        assertEquals("memory", profile.get("subject").asText());
        assertTrue(profile.get("why").asText().startsWith("memory: page faults of the processes whose memory grew"), profile.toString());
        String folded = text(agent, profile.get("folded_url").asText());
        long[] grown = counts(folded, s -> s.startsWith("load-" + grower.pid() + ";"));
        double seconds = profile.get("duration_s").asDouble();
        // a fault per 4 KiB page it touches: at least a quarter of what it grew by while recorded
        double pages = MIB_PER_SECOND * 256.0 * seconds;
        assertTrue(grown[0] >= 0.25 * pages, grown[0] + " page faults of the grower in " + seconds + " s (" + pages + " pages grown)");
        String svg = text(agent, profile.get("url").asText());
        assertTrue(svg.contains("Page faults of process") && svg.contains(grower.pid() + " load"), svg.substring(0, 600));
        assertTrue(svg.contains("no part before it"), "says why the ring's seconds are not in it");
        assertNotNull(profile.get("lead").textValue(), profile.toString());
        System.out.println("DRILL memory lead: " + profile.get("lead").asText() + "; " + grown[0] + " of " + grown[1] + " faults; why: "
                + profile.get("why").asText());

        JsonNode plan = json(agent, profile.get("processes_url").asText()).get("plan");
        assertEquals("page-faults", plan.get("event").asText());
        assertEquals("memory", plan.get("resource").asText());

        String id = profile.get("id").asText();
        JsonNode linked = Poll.until(Duration.ofSeconds(60), "a memory finding in /api/v1/use linking " + id,
                () -> Optional.ofNullable(link(json(agent, "/api/v1/use"), "memory", id)));
        assertEquals("page-faults", linked.get("event").asText());
        assertEquals(profile.get("processes_url").asText(), linked.get("processes_url").asText());
        assertTrue(linked.path("lead").isMissingNode(), "the open report route does not say what the stacks hold: " + linked);
    }
}
