package dev.saturn.agent.http;

import dev.saturn.analyzers.use.UseReport;
import java.nio.charset.StandardCharsets;

/**
 * The latest report's Prometheus text, formatted once per sample and reused by every scrape until the
 * next one: a report has ~200 series, and a scrape every second (or several Prometheus servers) would
 * otherwise format the same figures again each time.
 */
final class ReportText {
    private UseReport formatted;
    private byte[] text = new byte[0];

    synchronized byte[] of(UseReport report) {
        if (report != formatted) {
            text = new PrometheusText().report(report).text().getBytes(StandardCharsets.UTF_8);
            formatted = report;
        }
        return text;
    }
}
