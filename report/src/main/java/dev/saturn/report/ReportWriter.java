package dev.saturn.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * One way of writing a report (the USE table, its JSON, CSV rows, the Prometheus exposition), in the
 * manner of client_java's exposition writers: what it writes is named by a media type, so that the
 * agent's HTTP routes and the commands' --json or --csv pick a writer rather than a code path.
 *
 * @param <R> the report it writes
 */
public interface ReportWriter<R> {
    String TEXT = "text/plain; charset=utf-8";
    String JSON = "application/json";

    /** {@code out} for a writer of lines: itself when it is a PrintWriter; flush it when the report is written. */
    static PrintWriter lines(Writer out) {
        return out instanceof PrintWriter p ? p : new PrintWriter(out);
    }

    /** The media type of what {@link #write} writes, as an HTTP Content-Type. */
    String contentType();

    /** Writes one report; {@code out} is flushed when the format asks it, never closed. */
    void write(Writer out, R report) throws IOException;
}
