package dev.saturn.cli.agent;

import dev.saturn.analyzers.use.Cell;
import dev.saturn.analyzers.use.ResourceUse;
import dev.saturn.analyzers.use.UseReport;
import java.io.PrintWriter;

/** One CSV line per USE cell, with a header before the first: for spreadsheets and pandas. */
final class CsvReportWriter {
    private static final String[] CELLS = {"utilization", "saturation", "errors"};
    private final PrintWriter out;
    private boolean header = true;

    CsvReportWriter(PrintWriter out) {
        this.out = out;
    }

    void write(UseReport r) {
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
