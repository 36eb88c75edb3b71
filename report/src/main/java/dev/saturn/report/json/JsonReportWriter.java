package dev.saturn.report.json;

import dev.saturn.analyzers.use.UseReport;
import dev.saturn.report.ReportWriter;
import java.io.IOException;
import java.io.Writer;

/** The JSON contract of docs/json.md, one object per report: `saturn use --json`, history and the agent's /api/v1. */
public final class JsonReportWriter implements ReportWriter<UseReport> {
    @Override
    public String contentType() {
        return JSON;
    }

    @Override
    public void write(Writer out, UseReport r) throws IOException {
        UseReportJson.write(r, out);
    }
}
