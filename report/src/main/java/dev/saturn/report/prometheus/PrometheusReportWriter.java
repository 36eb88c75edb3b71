package dev.saturn.report.prometheus;

import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.report.ReportWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * A sample in the Prometheus text exposition format 0.0.4: the USE report's gauges and statuses, the
 * node_exporter families of the snapshot that ended it, and saturn's own counters of that snapshot
 * (docs/metrics.md). The agent's /metrics page is this, with the agent's counters added ({@link #append}).
 */
public final class PrometheusReportWriter implements ReportWriter<PrometheusReportWriter.Sample> {
    private final PageCache cache = new PageCache();

    /** A report and the snapshot at its end; either may be missing (null) before the first sample. */
    public record Sample(UseReport report, Snapshot end) {
    }

    @Override
    public String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }

    @Override
    public void write(Writer out, Sample sample) throws IOException {
        PrometheusText text = new PrometheusText(cache);
        append(text, sample);
        out.write(text.text());
        out.flush();
    }

    /** Adds the sample's families to a page being built, so that its owner can add its own. */
    public static void append(PrometheusText text, Sample sample) {
        if (sample.report() != null) {
            text.report(sample.report());
        }
        if (sample.end() != null) {
            NodeFamilies.write(text, sample.end());
            if (sample.report() != null) {
                SaturnCounters.write(text, sample.report(), sample.end());
            }
        }
    }
}
