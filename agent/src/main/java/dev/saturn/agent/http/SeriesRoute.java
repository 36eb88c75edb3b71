package dev.saturn.agent.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.saturn.agent.history.Downsampler;
import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.agent.history.HistorySeries;
import dev.saturn.collectors.time.DurationSpec;
import dev.saturn.collectors.time.TimeSpec;
import dev.saturn.report.json.UseReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * /api/v1/history/series: a window of the history as one line per U/S/E cell, downsampled to at most
 * {@link #MAX_POINTS} buckets: per bucket the largest value and the mean ({@link HistorySeries}). What the
 * dashboard draws; a week of one-second samples answers in a few hundred kilobytes, not 600,000 reports.
 */
final class SeriesRoute {
    static final String PATH = "/api/v1/history/series";
    static final int MAX_POINTS = 2000;
    static final int DEFAULT_POINTS = 600;

    private SeriesRoute() {
    }

    static HttpResponse series(HttpRequest request, Path dataDir, Clock clock) throws IOException {
        for (String name : request.query().keySet()) {
            if (!List.of("from", "to", "points", "step").contains(name)) {
                return HttpResponse.jsonError(400, "unknown parameter '" + name + "': use from, to, and points or step");
            }
        }
        if (request.param("points") != null && request.param("step") != null) {
            return HttpResponse.jsonError(400, "give points (how many buckets) or step (how wide each is), not both");
        }
        Instant from;
        Instant to;
        // one reading of the clock for both ends: from=-1h and to=now are then exactly an hour apart
        Clock once = Clock.fixed(clock.instant(), clock.getZone());
        try {
            from = TimeSpec.parse(Optional.ofNullable(request.param("from")).orElse("-5m"), once);
            to = TimeSpec.parseEnd(Optional.ofNullable(request.param("to")).orElse("now"), from, once);
        } catch (IllegalArgumentException e) {
            return HttpResponse.jsonError(400, e.getMessage());
        }
        if (to.isBefore(from)) {
            return HttpResponse.jsonError(400, "'to' is before 'from'");
        }
        if (Duration.between(from, to).compareTo(UseRoutes.MAX_RANGE) > 0) {
            return HttpResponse.jsonError(400, "window longer than " + UseRoutes.MAX_RANGE.toDays() + " days: narrow from/to");
        }
        long spanMs = Math.max(1, Duration.between(from, to).toMillis());
        long bucketMs;
        if (request.param("step") != null) {
            try {
                bucketMs = DurationSpec.positive(request.param("step")).toMillis();
            } catch (IllegalArgumentException e) {
                return HttpResponse.jsonError(400, "step: " + e.getMessage());
            }
            if (bucketMs < 1 || Downsampler.buckets(from, to, bucketMs) > MAX_POINTS) {
                return HttpResponse.jsonError(400, "step " + request.param("step") + " makes more than " + MAX_POINTS
                        + " buckets of this window: at least step=" + ((spanMs + MAX_POINTS - 1) / MAX_POINTS) + "ms");
            }
        } else {
            int points;
            try {
                points = request.param("points") == null ? DEFAULT_POINTS : Integer.parseInt(request.param("points"));
            } catch (NumberFormatException e) {
                return HttpResponse.jsonError(400, "points: '" + request.param("points") + "' is not a whole number (1 to " + MAX_POINTS + ")");
            }
            if (points < 1 || points > MAX_POINTS) {
                return HttpResponse.jsonError(400, "points: " + points + " is outside 1 to " + MAX_POINTS);
            }
            bucketMs = (spanMs + points - 1) / points;
        }
        Downsampler downsampler = new Downsampler(from, to, bucketMs);
        try (HistoryReader reader = HistoryReader.open(dataDir)) {
            reader.forEachCells(from, to, downsampler);
        } catch (HistoryException e) {
            return HttpResponse.jsonError(503, e.getMessage());
        }
        return HttpResponse.ok(HttpResponse.JSON, json(downsampler.build()));
    }

    static byte[] json(HistorySeries s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator json = UseReportJson.generator(out)) {
            json.writeStartObject();
            json.writeStringField("from", s.from().toString());
            json.writeStringField("to", s.to().toString());
            json.writeNumberField("bucket_ms", s.bucketMillis());
            json.writeNumberField("samples", s.samples());
            json.writeArrayFieldStart("t");
            for (long t : s.bucketStarts()) {
                json.writeNumber(t);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("n");
            for (int n : s.counts()) {
                json.writeNumber(n);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("series");
            for (HistorySeries.Line line : s.lines()) {
                json.writeStartObject();
                json.writeStringField("resource", line.resource());
                json.writeStringField("device", line.device());
                json.writeStringField("cell", line.cell());
                json.writeStringField("metric", line.metric());
                json.writeStringField("unit", line.unit());
                json.writeStringField("worst", line.worst().label());
                numbers(json, "max", line.max());
                numbers(json, "mean", line.mean());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Three decimals, as the history keeps them; null where the bucket had no value. */
    private static void numbers(JsonGenerator json, String name, double[] values) throws IOException {
        json.writeArrayFieldStart(name);
        for (double v : values) {
            if (Double.isNaN(v)) {
                json.writeNull();
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                json.writeNumber((long) v);
            } else {
                json.writeNumber(Math.round(v * 1000) / 1000.0);
            }
        }
        json.writeEndArray();
    }
}
