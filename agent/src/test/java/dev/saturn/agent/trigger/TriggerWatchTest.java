package dev.saturn.agent.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.log.AgentLog;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** When conditions hold, on reports made here: durations on the monotonic clock, a dip starts over, a missing metric is said once. */
class TriggerWatchTest {
    static final long S = 1_000_000_000L;
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    final AgentLog log = new AgentLog(new PrintStream(logged, true));

    @Test
    void utilizationMustHoldForConsecutiveSamplesCoveringTheDuration() {
        TriggerWatch w = new TriggerWatch(List.of(TriggerCondition.parse("cpu.utilization>=90%for30s")), log);
        long t = 1000 * S;
        // a sample covers its interval: the first one at 95 % starts the hold 10 s before it was taken
        assertFalse(w.check(cpu(95.0, null, 10), t).isPresent());
        assertFalse(w.check(cpu(95.0, null, 10), t + 10 * S).isPresent());
        assertTrue(w.check(cpu(91.0, null, 10), t + 20 * S).isPresent(), "30 s covered by three 10 s samples");
        w.reset();
        assertFalse(w.check(cpu(99.0, null, 10), t + 30 * S).isPresent(), "after a profile it must hold anew");
        assertFalse(w.check(cpu(89.9, null, 10), t + 40 * S).isPresent());
        assertFalse(w.check(cpu(99.0, null, 10), t + 50 * S).isPresent(), "a dip below 90 % started over");
        assertFalse(w.check(cpu(99.0, null, 10), t + 60 * S).isPresent());
        TriggerWatch.Fired fired = w.check(cpu(99.0, null, 10), t + 70 * S).orElseThrow();
        assertEquals("cpu.utilization 99% >= cpu.utilization>=90%for30s", fired.reason());
    }

    @Test
    void aConditionOnDiskRowsHoldsWhenAnyDeviceHoldsAndSaysWhich() {
        TriggerWatch w = new TriggerWatch(List.of(TriggerCondition.parse("disk.util_pct>=50%for3s")), log);
        long t = 1000 * S;
        assertFalse(w.check(disks(1, 10.0, 60.0), t).isPresent(), "vdb holds for 1 s (a sample covers its interval)");
        assertFalse(w.check(disks(1, 70.0, 20.0), t + S).isPresent(), "then vda: any device holding keeps the hold");
        TriggerWatch.Fired fired = w.check(disks(1, 90.0, 55.0), t + 2 * S).orElseThrow();
        assertEquals("vda", fired.device(), "the device with the highest value");
        assertEquals("disk vda", fired.subject());
        assertEquals("disk.util_pct 90% on vda >= disk.util_pct>=50%for3s", fired.reason());
        assertFalse(w.check(disks(1, 10.0, 20.0), t + 3 * S).isPresent());
        assertEquals("", logged.toString(), "nothing said: the metric is there");
        TriggerWatch missing = new TriggerWatch(List.of(TriggerCondition.parse("disk.nothing>=1")), log);
        assertFalse(missing.check(disks(1, 90.0, 90.0), t).isPresent());
        assertTrue(logged.toString().contains("trigger disk.nothing>=1 is inactive: the disk vda row has no metric nothing"), logged.toString());
    }

    static UseReport disks(double interval, double vda, double vdb) {
        List<ResourceUse> rows = new java.util.ArrayList<>();
        for (Object[] d : new Object[][] {{"vda", vda}, {"vdb", vdb}}) {
            Cell u = new Cell("util_pct", (Double) d[1], "percent", dev.saturn.analyzers.use.Status.OK, null);
            rows.add(new ResourceUse("disk", (String) d[0], u, u, u, Map.of("util_pct", (Double) d[1]), Map.of()));
        }
        return new UseReport("h", "k", "m", 2, null, interval, Instant.EPOCH, rows, List.of(), List.of(), null);
    }

    @Test
    void psiFiresOnOneSampleAndAHostWithoutPsiSaysSoOnce() {
        TriggerWatch w = new TriggerWatch(TriggerConfig.DEFAULT_CONDITIONS, log);
        assertEquals("cpu.psi_some", w.check(cpu(50.0, 25.0, 1), 5 * S).orElseThrow().condition().name());
        for (int i = 0; i < 5; i++) {
            assertFalse(w.check(cpu(50.0, null, 1), (6 + i) * S).isPresent());
        }
        String said = logged.toString();
        assertEquals(1, said.split("trigger cpu.psi_some>=20% is inactive: no /proc/pressure/cpu", -1).length - 1, said);
    }

    @Test
    void conditionsParseAndPropertiesOverrideThem() {
        TriggerCondition c = TriggerCondition.parse(" CPU.Utilization >= 80 % for 1m ");
        assertEquals(new TriggerCondition("cpu", "utilization", 80, Duration.ofMinutes(1)), c);
        assertEquals("cpu.utilization>=80%for1m", c.toString());
        assertEquals("memory_pct", TriggerCondition.parse("memory.memory_pct>=95").metricKey());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TriggerCondition.parse("cpu>90"));
        assertTrue(bad.getMessage().contains("'cpu.utilization>=90%for30s'"), bad.getMessage());

        Properties p = new Properties();
        p.setProperty("trigger.cpu_utilization", "75");
        p.setProperty("trigger.cpu_utilization.for", "2m");
        p.setProperty("trigger.cpu_psi_some", "off");
        p.setProperty("trigger.duration", "20s");
        p.setProperty("trigger.min_gap", "1h");
        TriggerConfig t = TriggerConfig.defaults(1 << 20).with(p);
        assertEquals(List.of(TriggerCondition.parse("cpu.utilization>=75%for2m")), t.conditions());
        assertEquals(Duration.ofSeconds(20), t.duration());
        assertEquals(Duration.ofHours(1), t.minGap());
        Properties off = new Properties();
        off.setProperty("trigger.enabled", "false");
        assertFalse(TriggerConfig.defaults(1).with(off).enabled());
        Properties typo = new Properties();
        typo.setProperty("trigger.duraton", "5s");
        assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(typo));
        Properties lonely = new Properties();
        lonely.setProperty("trigger.cpu_utilization.for", "5s");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(lonely))
                .getMessage().contains("needs trigger.cpu_utilization"));
    }

    @Test
    void configDurationsReadTheGrammarOfEveryOption() {
        Properties p = new Properties();
        p.setProperty("trigger.min_gap", "1d");
        p.setProperty("trigger.duration", "500ms");
        p.setProperty("trigger.cpu_utilization", "80");
        p.setProperty("trigger.cpu_utilization.for", "1h30m");
        TriggerConfig t = TriggerConfig.defaults(1).with(p);
        assertEquals(Duration.ofDays(1), t.minGap(), "1d was one second");
        assertEquals(Duration.ofMillis(500), t.duration());
        assertEquals(Duration.ofMinutes(90), t.conditions().stream().filter(c -> c.name().equals("cpu.utilization")).findFirst().orElseThrow().holdFor());
        p.setProperty("trigger.min_gap", "2w");
        assertEquals(Duration.ofDays(14), TriggerConfig.defaults(1).with(p).minGap(), "2w was two seconds");
        p.setProperty("trigger.min_gap", "10x");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(p));
        assertTrue(bad.getMessage().startsWith("trigger.min_gap: '10x' is not a duration: give e.g. 500ms"), bad.getMessage());
        IllegalArgumentException badFor = assertThrows(IllegalArgumentException.class, () -> TriggerCondition.parse("cpu.utilization>=90%for10x"));
        assertTrue(badFor.getMessage().contains("'10x' is not a duration"), badFor.getMessage());
        assertEquals(Duration.ofDays(1), TriggerCondition.parse("cpu.utilization>=90%for1d").holdFor());
    }

    @Test
    void theRingIsOnByDefaultAndItsKeysHaveBounds() {
        assertEquals(new RingSettings(true, 30, 19), TriggerConfig.defaults(1).ring());
        Properties p = new Properties();
        p.setProperty("trigger.ring.seconds", "60");
        p.setProperty("trigger.ring.frequency", "9");
        assertEquals(new RingSettings(true, 60, 9), TriggerConfig.defaults(1).with(p).ring());
        p.setProperty("trigger.ring", "false");
        assertFalse(TriggerConfig.defaults(1).with(p).ring().enabled());
        p.setProperty("trigger.ring", "no");
        assertEquals("trigger.ring takes true or false, got 'no'",
                assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(p)).getMessage());
        Properties far = new Properties();
        far.setProperty("trigger.ring.seconds", "600");
        assertEquals("trigger.ring.seconds 600 is out of range: give 5 to 120 (30 is the default)",
                assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(far)).getMessage());
        Properties fast = new Properties();
        fast.setProperty("trigger.ring.frequency", "999");
        assertEquals("trigger.ring.frequency 999 is out of range: give 1 to 99 Hz (19 is the default)",
                assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(fast)).getMessage());
        Properties words = new Properties();
        words.setProperty("trigger.ring.seconds", "thirty");
        assertEquals("trigger.ring.seconds is not a whole number: thirty",
                assertThrows(IllegalArgumentException.class, () -> TriggerConfig.defaults(1).with(words)).getMessage());
    }

    static UseReport cpu(Double busy, Double psi, double interval) {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("busy_pct", busy);
        metrics.put("psi_some_pct", psi);
        Map<String, String> unavailable = psi == null ? Map.of("psi_some_pct", "no /proc/pressure/cpu (kernel without PSI)") : Map.of();
        Cell u = new Cell("busy_pct", busy, "percent", dev.saturn.analyzers.use.Status.OK, null);
        ResourceUse row = new ResourceUse("cpu", null, u, u, u, metrics, unavailable);
        return new UseReport("h", "k", "m", 2, null, interval, Instant.EPOCH, List.of(row), List.of(), List.of(), null);
    }
}
