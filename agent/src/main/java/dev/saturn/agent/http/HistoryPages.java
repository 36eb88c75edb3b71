package dev.saturn.agent.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.agent.profile.FindingProfiles;
import dev.saturn.report.json.UseReportJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * An /api/v1/history answer, {"from", "to", "at", "reports": [...]}, written {@link #PAGE} reports at a time. Each
 * page reads on from the last report written (with a step, one step after it), so the pages together are
 * exactly the one window read at once; the history is opened for each page, and nothing is held between them
 * (a read transaction kept open while a client lags would hold back the WAL checkpoint, and --max-size with it).
 */
final class HistoryPages implements HttpResponse.BodyWriter {
    static final int PAGE = 50;
    private final Path dataDir;
    private final Instant to;
    private final Duration step;
    private final Instant at;
    private final FindingProfiles links;
    private Instant next;
    private long left = UseRoutes.MAX_REPORTS;
    private JsonGenerator json;

    HistoryPages(Path dataDir, Instant from, Instant to, Duration step, Instant at, FindingProfiles links) {
        this.links = links;
        this.dataDir = dataDir;
        this.next = from;
        this.to = to;
        this.step = step;
        this.at = at;
    }

    @Override
    public boolean writePart(OutputStream out) throws IOException {
        try (HistoryReader reader = HistoryReader.open(dataDir)) {
            if (json == null) {
                // Not closed on a failure: closing would complete the open array and object, and a cut-off
                // answer must not parse as a whole one.
                json = UseReportJson.generator(out);
                json.writeStartObject();
                json.writeStringField("from", at == null ? next.toString() : null);
                json.writeStringField("to", at == null ? to.toString() : null);
                json.writeStringField("at", at == null ? null : at.toString());
                json.writeArrayFieldStart("reports");
                if (at != null) {
                    reader.nearest(at).ifPresent(r -> write(r.timestamp(), r));
                    left = 0;
                }
            }
            long written = left <= 0 || next.isAfter(to) ? 0
                    : reader.forEach(next, to, step, Math.min(PAGE, left), r -> write(r.timestamp(), r));
            left -= written;
            if (written == PAGE && left > 0) {
                json.flush();
                return true;
            }
            json.writeEndArray();
            json.writeEndObject();
            json.close();
            return false;
        } catch (HistoryException e) {
            throw new IOException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void write(Instant timestamp, dev.saturn.analyzers.use.UseReport report) {
        try {
            json.writeObject(UseRoutes.tree(report, links));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        next = step == null ? timestamp.plusMillis(1) : timestamp.plus(step);
    }
}
