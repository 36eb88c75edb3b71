package dev.saturn.agent.http;

import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.agent.history.HistoryRecorder;
import dev.saturn.agent.report.UseReportJson;
import dev.saturn.agent.schedule.LatestReport;
import dev.saturn.agent.time.TimeSpec;
import dev.saturn.collectors.time.DurationSpec;
import dev.saturn.analyzers.use.UseReport;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The agent's endpoints: /metrics, /api/v1/use, /api/v1/history and the dashboard at /. */
public final class UseRoutes {
    /** At most this many reports per /api/v1/history answer (about 5 MB of JSON). */
    public static final int MAX_REPORTS = 1000;
    /** The widest window /api/v1/history accepts. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    static final String DASHBOARD = "/dev/saturn/agent/http/dashboard.html";

    private UseRoutes() {
    }

    public static void register(AgentHttpServer server, LatestReport latest, HistoryRecorder history, Path dataDir, Clock clock) {
        ReportText reportText = new ReportText();
        server.route("/metrics", request -> metrics(latest, history, reportText));
        server.route("/api/v1/use", request -> use(latest));
        server.route("/api/v1/history", request -> {
            // the samples still in memory (up to 4 s of them) are part of the answer
            if (history != null) {
                history.writePending();
            }
            return history(request, dataDir, clock);
        });
        server.openRoute("/", request -> dashboard());
    }

    static HttpResponse metrics(LatestReport latest, HistoryRecorder history, ReportText reportText) {
        return HttpResponse.ok(PrometheusText.CONTENT_TYPE, reportText.of(latest, history));
    }

    static HttpResponse use(LatestReport latest) throws IOException {
        Optional<UseReport> report = latest.get();
        if (report.isEmpty()) {
            return HttpResponse.jsonError(503, "no sample yet: the first report comes one interval after the agent starts")
                    .with("Retry-After", "1");
        }
        return HttpResponse.ok(HttpResponse.JSON, UseReportJson.bytes(UseReportJson.tree(report.get())));
    }

    static HttpResponse history(HttpRequest request, Path dataDir, Clock clock) throws IOException {
        for (String name : request.query().keySet()) {
            if (!List.of("from", "to", "step", "at").contains(name)) {
                return HttpResponse.jsonError(400, "unknown parameter '" + name + "': use from, to, step or at");
            }
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
        // Written to the connection one report at a time: a thousand reports are ~8 MB of JSON, which the
        // agent's heap would hold twice over while a buffer grew (and its RSS keep after).
        Instant first = from;
        Instant last = to;
        Duration every = step;
        return HttpResponse.streamed(HttpResponse.JSON, out -> {
            try (HistoryReader reader = HistoryReader.open(dataDir)) {
                // Not closed on a failure: closing would complete the open array and object, and a cut-off
                // answer must not parse as a whole one.
                JsonGenerator json = UseReportJson.generator(out);
                json.writeStartObject();
                json.writeStringField("from", at == null ? first.toString() : null);
                json.writeStringField("to", at == null ? last.toString() : null);
                json.writeStringField("at", at == null ? null : at.toString());
                json.writeArrayFieldStart("reports");
                Consumer<UseReport> write = r -> {
                    try {
                        json.writeObject(UseReportJson.tree(r));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                if (at != null) {
                    reader.nearest(at).ifPresent(write);
                } else {
                    reader.forEach(first, last, every, MAX_REPORTS, write);
                }
                json.writeEndArray();
                json.writeEndObject();
                json.close();
            } catch (HistoryException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
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
