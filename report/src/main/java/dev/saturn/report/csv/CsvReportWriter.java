package dev.saturn.report.csv;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * One CSV line per USE cell, with a header line before the first report this writer writes: for
 * spreadsheets and pandas. A stream of reports (saturn history --csv) goes through one writer.
 */
public final class CsvReportWriter implements ReportWriter<UseReport> {
    private static final String[] CELLS = {"utilization", "saturation", "errors"};
    private boolean header = true;

    @Override
    public String contentType() {
        return "text/csv; charset=utf-8; header=present";
    }

    @Override
    public void write(Writer to, UseReport r) {
        PrintWriter out = ReportWriter.lines(to);
        if (header) {
            out.println("timestamp,resource,device,cell,metric,value,unit,status");
            header = false;
        }
        String ts = r.timestamp().toString();
        for (ResourceUse row : r.resources()) {
            Cell[] cells = {row.utilization(), row.saturation(), row.errors()};
            for (int i = 0; i < 3; i++) {
                Cell c = cells[i];
                if (c.metric().equals("none")) {
                    continue;
                }
                out.println(String.join(",", ts, field(row.resource()), field(row.device()), CELLS[i], field(c.metric()),
                        c.value() == null ? "" : Double.toString(c.value()), field(c.unit()), c.status().label()));
            }
        }
        out.flush();
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
