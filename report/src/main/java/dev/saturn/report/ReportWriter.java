package dev.saturn.report;

import java.io.IOException;
import java.io.Writer;

/**
 * One way of writing a report (the USE table, its JSON, CSV rows, the Prometheus exposition), in the
 * manner of client_java's exposition writers: what it writes is named by a media type, so that the
 * agent's HTTP routes and the commands' --json or --csv pick a writer rather than a code path.
 *
 * @param <R> the report it writes
 */
public interface ReportWriter<R> {
    /** The media type of what {@link #write} writes, as an HTTP Content-Type. */
    String contentType();

    /** Writes one report; {@code out} is flushed when the format asks it, never closed. */
    void write(Writer out, R report) throws IOException;
}
