package dev.saturn.agent.http;

import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.agent.history.HistoryRecorder;
import dev.saturn.agent.profile.FindingProfiles;
import dev.saturn.agent.schedule.LatestReport;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.time.DurationSpec;
import dev.saturn.collectors.time.TimeSpec;
import dev.saturn.report.json.UseReportJson;
import dev.saturn.report.prometheus.PrometheusText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The agent's endpoints: /metrics, /api/v1/use, /api/v1/history, /api/v1/history/series and the dashboard at /. */
public final class UseRoutes {
    /** At most this many reports per /api/v1/history answer (about 5 MB of JSON). */
    public static final int MAX_REPORTS = 1000;
    /** The widest window /api/v1/history accepts. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    static final String DASHBOARD = "/dev/saturn/agent/http/dashboard.html";

    private UseRoutes() {
    }

    public static void register(AgentHttpServer server, LatestReport latest, HistoryRecorder history, Path dataDir, Clock clock) {
        register(server, latest, history, dataDir, clock, null);
    }

    /** @param links the profiles each finding links to ({@link FindingProfiles}); null: none */
    public static void register(AgentHttpServer server, LatestReport latest, HistoryRecorder history, Path dataDir, Clock clock,
            FindingProfiles links) {
        ReportText reportText = new ReportText();
        UseJson useJson = new UseJson(links);
        // Answered on the server's I/O thread: each is a byte array made once per sample, so no slow request delays a scrape.
        server.fastRoute("/metrics", request -> metrics(latest, history, reportText));
        server.fastRoute("/api/v1/use", request -> use(latest, useJson));
        server.route("/api/v1/history", request -> {
            // the samples still in memory (up to 4 s of them) are part of the answer
            if (history != null) {
                history.writePending();
            }
            return history(request, dataDir, clock, links);
        });
        server.route(SeriesRoute.PATH, request -> {
            if (history != null) {
                history.writePending();
            }
            return SeriesRoute.series(request, dataDir, clock);
        });
        server.openRoute("/", request -> dashboard());
    }

    static HttpResponse metrics(LatestReport latest, HistoryRecorder history, ReportText reportText) {
        return HttpResponse.ok(PrometheusText.CONTENT_TYPE, reportText.of(latest, history));
    }

    static HttpResponse use(LatestReport latest, UseJson json) throws IOException {
        Optional<UseReport> report = latest.get();
        if (report.isEmpty()) {
            return HttpResponse.jsonError(503, "no sample yet: the first report comes one interval after the agent starts")
                    .with("Retry-After", "1");
        }
        return HttpResponse.ok(HttpResponse.JSON, json.of(report.get()));
    }

    /** The latest report's JSON, made once per report (and again when a profile is recorded, for the findings' links). */
    static final class UseJson {
        private final FindingProfiles links;
        private UseReport report;
        private long linksVersion;
        private byte[] body;

        UseJson(FindingProfiles links) {
            this.links = links;
        }

        synchronized byte[] of(UseReport r) throws IOException {
            long version = links == null ? 0 : links.version();
            if (r != report || version != linksVersion) {
                body = UseReportJson.bytes(tree(r, links));
                report = r;
                linksVersion = version;
            }
            return body;
        }
    }

    /** A report's JSON, its findings with the profiles they link to. */
    static Map<String, Object> tree(UseReport r, FindingProfiles links) {
        Map<String, Object> tree = UseReportJson.tree(r);
        return links == null ? tree : links.attach(tree, r.timestamp());
    }

    static HttpResponse history(HttpRequest request, Path dataDir, Clock clock) throws IOException {
        return history(request, dataDir, clock, null);
    }

    static HttpResponse history(HttpRequest request, Path dataDir, Clock clock, FindingProfiles links) throws IOException {
        for (String name : request.query().keySet()) {
            if (!List.of("from", "to", "step", "at").contains(name)) {
                return HttpResponse.jsonError(400, "unknown parameter '" + name + "': use from, to, step or at");
            }
        }
        if (request.param("at") != null && (request.param("from") != null || request.param("to") != null || request.param("step") != null)) {
            return HttpResponse.jsonError(400, "'at' asks for the one report nearest a moment: give it alone, or from/to/step for a window");
        }
        Instant from;
        Instant to;
        Instant at;
        Duration step;
        try {
            at = request.param("at") == null ? null : TimeSpec.parse(request.param("at"), clock);
            from = TimeSpec.parse(Optional.ofNullable(request.param("from")).orElse("-5m"), clock);
            to = TimeSpec.parseEnd(Optional.ofNullable(request.param("to")).orElse("now"), from, clock);
            step = request.param("step") == null ? null : step(request.param("step"));
        } catch (IllegalArgumentException e) {
            return HttpResponse.jsonError(400, e.getMessage());
        }
        if (at == null && to.isBefore(from)) {
            return HttpResponse.jsonError(400, "'to' is before 'from'");
        }
        if (at == null && Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            return HttpResponse.jsonError(400, "window longer than " + MAX_RANGE.toDays() + " days: narrow from/to");
        }
        try (HistoryReader reader = HistoryReader.open(dataDir)) {
            if (at == null) {
                long count = reader.count(from, to);
                long expected = step == null ? count : Math.min(count, Duration.between(from, to).toMillis() / Math.max(1, step.toMillis()) + 1);
                if (expected > MAX_REPORTS) {
                    return HttpResponse.jsonError(400, "the window holds " + count + " samples, more than " + MAX_REPORTS
                            + " per request: narrow from/to or add step= (e.g. step=" + suggestStep(from, to) + ")");
                }
            }
        } catch (HistoryException e) {
            return HttpResponse.jsonError(503, e.getMessage());
        }
        // Written to the connection a page of reports at a time: a thousand reports are ~8 MB of JSON, which the
        // agent's heap would hold twice over while a buffer grew (and its RSS keep after), and a slow reader parks
        // the answer between pages instead of holding a thread.
        return HttpResponse.streamed(HttpResponse.JSON, new HistoryPages(dataDir, from, to, step, at, links));
    }

    private static Duration step(String text) {
        try {
            return DurationSpec.positive(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step: " + e.getMessage());
        }
    }

    private static String suggestStep(Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds() / MAX_REPORTS + 1;
        return seconds + "s";
    }

    static HttpResponse dashboard() throws IOException {
        try (InputStream in = UseRoutes.class.getResourceAsStream(DASHBOARD)) {
            if (in == null) {
                return HttpResponse.text(500, "dashboard missing from the jar");
            }
            return HttpResponse.ok("text/html; charset=utf-8", in.readAllBytes())
                    .with("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
                    .with("X-Frame-Options", "DENY");
        }
    }
}
