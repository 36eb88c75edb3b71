package dev.saturn.agent.http;

import dev.saturn.agent.history.HistoryRecorder;
import dev.saturn.agent.schedule.LatestReport;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.Snapshot;
import dev.saturn.report.prometheus.PageCache;
import dev.saturn.report.prometheus.PrometheusReportWriter;
import dev.saturn.report.prometheus.PrometheusText;

/**
 * The /metrics page of the latest sample (its USE figures, and the raw counters of the snapshot that ended it), formatted once per sample and reused by every scrape until the
 * next one: a report has ~200 series, and a scrape every second (or several Prometheus servers) would
 * otherwise format the same figures again each time. The agent's own counters change only when a sample
 * is published or stored, so they are part of the page; any of them read differently makes a new page.
 * The same array is answered each time, so the server gzips it once ({@link AgentHttpServer}).
 */
final class ReportText {
    private record Page(UseReport report, long samples, double cpuSeconds, double lastSampleSeconds,
                        boolean writing, long writeErrors, byte[] body) {
    }

    private final PageCache cache = new PageCache();
    private Page page;

    synchronized byte[] of(LatestReport latest, HistoryRecorder history) {
        UseReport report = latest.get().orElse(null);
        Snapshot snapshot = latest.snapshot();
        long samples = latest.samples();
        double cpuSeconds = latest.sampleCpuSeconds();
        double lastSampleSeconds = latest.lastSampleSeconds();
        boolean writing = history == null || history.writing();
        long writeErrors = history == null ? 0 : history.writeErrors();
        Page p = page;
        if (p == null || p.report != report || p.samples != samples || p.cpuSeconds != cpuSeconds
                || p.lastSampleSeconds != lastSampleSeconds || p.writing != writing || p.writeErrors != writeErrors) {
            page = p = new Page(report, samples, cpuSeconds, lastSampleSeconds, writing, writeErrors,
                    text(report, snapshot, samples, cpuSeconds, lastSampleSeconds, history == null ? null : writing, writeErrors));
        }
        return p.body;
    }

    /** The report's figures and the agent's own counters; {@code writing} null when the agent keeps no history. */
    byte[] text(UseReport report, Snapshot snapshot, long samples, double cpuSeconds, double lastSampleSeconds, Boolean writing,
                               long writeErrors) {
        PrometheusText text = new PrometheusText(cache);
        text.family("saturn_build_info", "The agent's version; always 1.", "gauge").sample("version", BuildInfo.VERSION, 1);
        PrometheusReportWriter.append(text, new PrometheusReportWriter.Sample(report, snapshot));
        text.counter("saturn_agent_samples_total", "USE reports the agent has sampled since it started.", samples);
        text.counter("saturn_agent_sample_cpu_seconds_total", "CPU time the sampling thread used (reads, analysis, history writes).",
                cpuSeconds);
        text.gauge("saturn_agent_sample_duration_seconds", "Wall time of the latest sample's analysis and history write, after its interval.",
                "", lastSampleSeconds);
        if (writing != null) {
            text.gauge("saturn_agent_history_writing", "1 while history writes succeed, 0 while they fail (disk full, I/O error).",
                    "", writing ? 1 : 0);
            text.counter("saturn_agent_history_write_errors_total", "Samples the history could not store.", writeErrors);
        }
        return text.bytes();
    }
}
