package dev.saturn.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.saturn.agent.LiveReports;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-place shape comparison the writer uses per sample says what comparing the keys says. */
class LayoutTest {

    @Test
    void sameKeyAgreesWithTheKeyOnLiveReportsAndOnEveryKindOfShapeChange() throws Exception {
        List<UseReport> live = LiveReports.take(2, Duration.ofMillis(100));
        UseReport a = live.get(0);
        UseReport b = live.get(1);
        assertAgree(a, b, true);
        assertAgree(a, a, true);

        List<ResourceUse> fewer = new ArrayList<>(a.resources());
        fewer.remove(fewer.size() - 1);
        assertAgree(a, withRows(a, fewer), false);

        ResourceUse cpu = a.resources().get(0);
        Map<String, Double> renamed = new LinkedHashMap<>();
        cpu.metrics().forEach((k, v) -> renamed.put(k.equals("busy_pct") ? "busy_pct2" : k, v));
        assertAgree(a, withRow(a, new ResourceUse(cpu.resource(), cpu.device(), cpu.utilization(), cpu.saturation(), cpu.errors(),
                renamed, cpu.unavailableMetrics())), false);

        Cell extra = new Cell("not_a_metric", 1.0, "count", cpu.errors().status(), null);
        Cell extraWithout = new Cell("not_a_metric", null, "count", cpu.errors().status(), "no value");
        UseReport withExtra = withRow(a, new ResourceUse(cpu.resource(), cpu.device(), cpu.utilization(), cpu.saturation(), extra,
                cpu.metrics(), cpu.unavailableMetrics()));
        UseReport withoutExtra = withRow(a, new ResourceUse(cpu.resource(), cpu.device(), cpu.utilization(), cpu.saturation(),
                extraWithout, cpu.metrics(), cpu.unavailableMetrics()));
        assertAgree(withExtra, withoutExtra, false);
        assertAgree(a, withExtra, false);

        Cell otherUnit = new Cell(cpu.errors().metric(), cpu.errors().value(), "other", cpu.errors().status(), cpu.errors().reason());
        assertAgree(a, withRow(a, new ResourceUse(cpu.resource(), cpu.device(), cpu.utilization(), cpu.saturation(), otherUnit,
                cpu.metrics(), cpu.unavailableMetrics())), false);
        assertAgree(a, withRow(a, new ResourceUse(cpu.resource(), "cpu0", cpu.utilization(), cpu.saturation(), cpu.errors(),
                cpu.metrics(), cpu.unavailableMetrics())), false);
        assertAgree(a, new UseReport("elsewhere", a.kernel(), a.cpuModel(), a.cpus(), a.memoryBytes(), a.intervalSeconds(),
                a.timestamp(), a.resources(), a.findings(), a.topProcesses(), a.topProcessesReason()), false);
    }

    private static void assertAgree(UseReport x, UseReport y, boolean same) {
        assertEquals(same, Layout.key(x).equals(Layout.key(y)), "the keys");
        assertEquals(same, Layout.sameKey(x, y), "sameKey");
        assertEquals(same, Layout.sameKey(y, x), "sameKey, the other way");
    }

    static UseReport withRows(UseReport r, List<ResourceUse> rows) {
        return new UseReport(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(), r.timestamp(),
                List.copyOf(rows), r.findings(), r.topProcesses(), r.topProcessesReason());
    }

    static UseReport withRow(UseReport r, ResourceUse first) {
        List<ResourceUse> rows = new ArrayList<>(r.resources());
        rows.set(0, first);
        return withRows(r, rows);
    }
}
