package dev.saturn.agent.http;

import dev.saturn.agent.history.HistoryWriter;
import dev.saturn.agent.log.AgentLog;
import dev.saturn.agent.schedule.LatestReport;
import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.Findings;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.Status;
import dev.saturn.analyzers.use.UseReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A history with a known incident, written through the agent's own {@link HistoryWriter}: a 2-CPU host whose CPU
 * is 100 % busy with 80 % PSI "some" (both crit) between two known times, and calm (busy 20 to 29 %, PSI 1 %)
 * around them; memory and disk vda stay calm. Served by a real {@link AgentHttpServer} with the agent's routes.
 */
final class IncidentHistory {
    static final double CALM_PSI = 1.0;
    static final double INCIDENT_BUSY = 100.0;
    static final double INCIDENT_PSI = 80.0;

    private IncidentHistory() {
    }

    /** Busy of a calm sample at {@code t}: 20 to 29 %, so that a line is not flat. */
    static double calmBusy(long epochSecond) {
        return 20 + Math.floorMod(epochSecond, 10);
    }

    /** One sample, with findings worked out from its cells as the analyzer does. */
    static UseReport report(Instant t, double busy, double psi) {
        Status u = busy >= 90 ? Status.CRIT : busy >= 70 ? Status.WARN : Status.OK;
        Status s = psi >= 20 ? Status.CRIT : psi >= 5 ? Status.WARN : Status.OK;
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("busy_pct", busy);
        cpu.put("psi_some_pct", psi);
        ResourceUse cpuRow = new ResourceUse("cpu", null,
                new Cell("busy_pct", busy, "percent", u, u == Status.OK ? null : "busy >= 90%"),
                new Cell("psi_some_pct", psi, "percent", s, s == Status.OK ? null : "PSI cpu some >= 20%"),
                new Cell("errors", 0.0, "count", Status.OK, null), cpu, Map.of());
        Map<String, Double> memory = new LinkedHashMap<>();
        memory.put("used_pct", 41.5);
        memory.put("major_faults_per_s", 0.0);
        ResourceUse memoryRow = new ResourceUse("memory", null,
                new Cell("used_pct", 41.5, "percent", Status.OK, null),
                new Cell("major_faults_per_s", 0.0, "per_second", Status.OK, null),
                Cell.unavailable("oom_kills", "count", "no oom_kill in /proc/vmstat"), memory, Map.of());
        Map<String, Double> disk = new LinkedHashMap<>();
        disk.put("util_pct", 3.0);
        disk.put("aqu_sz", 0.02);
        ResourceUse diskRow = new ResourceUse("disk", "vda",
                new Cell("util_pct", 3.0, "percent", Status.OK, null),
                new Cell("aqu_sz", 0.02, "requests", Status.OK, null),
                new Cell("errors", 0.0, "count", Status.OK, null), disk, Map.of());
        List<ResourceUse> rows = List.of(cpuRow, memoryRow, diskRow);
        return new UseReport("incident-host", "6.1.0", "Test CPU", 2, 4L << 30, 1.0, t, rows, Findings.of(rows), List.of(),
                "history keeps no process table");
    }

    /** Writes one sample every {@code stepSeconds} from {@code from} to {@code to} inclusive. */
    static long write(Path dataDir, Instant from, Instant to, long stepSeconds, LongFunction<UseReport> at) throws Exception {
        long n = 0;
        try (HistoryWriter w = HistoryWriter.open(dataDir)) {
            for (long s = from.getEpochSecond(); s <= to.getEpochSecond(); s += stepSeconds, n++) {
                w.append(at.apply(s));
            }
        }
        return n;
    }

    /** The agent's routes over {@code dataDir}, with {@code latest} as the newest sample and these profiles. */
    static AgentHttpServer serve(Path dataDir, UseReport latest, ProfilesRoute profiles, Clock clock) throws Exception {
        AgentHttpServer server = new AgentHttpServer(new InetSocketAddress("127.0.0.1", 0), null,
                new AgentLog(new PrintStream(new ByteArrayOutputStream(), true)));
        LatestReport now = new LatestReport();
        if (latest != null) {
            now.publish(latest, null, 0, 0);
        }
        UseRoutes.register(server, now, null, dataDir, clock);
        server.route(ProfilesRoute.PATH, profiles);
        server.start();
        return server;
    }
}
