package dev.saturn.cli.output;

import dev.saturn.agent.report.UseReportJson;
import dev.saturn.analyzers.use.UseReport;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** The JSON contract of docs/json.md, one object per report; the agent serves the same. */
public final class JsonReportWriter {

    public void write(UseReport r, Writer out) throws IOException {
        UseReportJson.write(r, out);
    }

    public static Map<String, Object> tree(UseReport r) {
        return UseReportJson.tree(r);
    }
}
