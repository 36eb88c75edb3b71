package dev.saturn.cli.agent;

import dev.saturn.agent.history.HistoryException;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.ColorOption;
import dev.saturn.cli.options.DataDirOption;
import dev.saturn.cli.options.DurationConverter;
import dev.saturn.collectors.time.TimeSpec;
import dev.saturn.report.ReportWriter;
import dev.saturn.report.csv.CsvReportWriter;
import dev.saturn.report.json.JsonReportWriter;
import dev.saturn.report.text.TextReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Replay the USE reports `saturn agent` recorded.",
            "",
            "Shows them in the same table as `saturn use`.",
            "",
            "--from/--to print every report of a window (oldest first), --at the one nearest a moment; "
                + "with neither, the latest. Findings are recomputed from the stored cells; the processes "
                + "behind each resource are kept, the host-wide list by CPU is not. Reads while the agent writes.",
            ""},
        footer = {"",
            "Times: now, -15m, -1h30m, -2d (ago), 03:00 (today, or yesterday if still to come;",
            "as --to, the first 03:00 after --from), 2026-11-27T03:00:00Z, 2026-11-27 03:00 (local",
            "time), Unix seconds. A --to still to come ends at now.",
            "",
            "Examples:",
            "  saturn history                             # the latest report",
            "  saturn history --at 03:00                  # what the host looked like at 3 am",
            "  saturn history --from -10m --step 1m       # a report a minute, last 10 min",
            "  saturn history --from 02:50 --to 03:10 --json | jq -c '.findings'",
            "  saturn history --from -1h --csv > last-hour.csv",
            "",
            "Details: docs/history.md."})
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    When when;

    static final class When {
        @ArgGroup(exclusive = false)
        Window window;

        @Option(names = "--at", paramLabel = "TIME", description = "Show the report nearest TIME.")
        String at;
    }

    static final class Window {
        @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the window.")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End of the window (default now).")
        String to;
    }

    @Option(names = "--step", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "With --from: at most one report per DURATION (e.g. 1m).")
    Duration step;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "One JSON object per report, one per line (the `saturn use --json` contract).")
        boolean json;

        @Option(names = "--csv", description = "One CSV line per cell: timestamp,resource,device,cell,metric,value,unit,status.")
        boolean csv;
    }

    @Mixin
    DataDirOption dataDir;

    @Mixin
    ColorOption color;

    @Override
    public Integer call() {
        Clock clock = Clock.systemDefaultZone();
        Path dir = dataDir.dir();
        PrintWriter out = spec.commandLine().getOut();
        Consumer<UseReport> print = printer(out);
        Consumer<UseReport> printer = r -> {
            print.accept(r);
            if (out.checkError()) {
                throw new OutputClosed();
            }
        };
        boolean window = when != null && when.window != null;
        Instant from = window ? time("--from", when.window.from, clock) : null;
        Instant to = window && when.window.to != null ? end(when.window.to, from, clock) : clock.instant();
        Instant at = window ? null : when == null ? clock.instant() : time("--at", when.at, clock);
        if (window && to.isBefore(from)) {
            throw new UserException("--to " + when.window.to + " is before --from " + when.window.from);
        }
        if (!window && step != null) {
            throw new UserException("--step goes with --from (a window), not with --at");
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            if (window) {
                long n = reader.forEach(from, to, step, Long.MAX_VALUE, printer);
                if (n == 0) {
                    throw new UserException("no samples from " + from + " to " + to + " in " + dir + held(reader));
                }
            } else {
                Optional<UseReport> report = reader.nearest(at);
                if (report.isEmpty()) {
                    throw new UserException("the history in " + dir + " holds no samples yet (is `saturn agent` running?)");
                }
                printer.accept(report.get());
            }
        } catch (HistoryException e) {
            throw new UserException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UserException("cannot write the output: " + e.getCause().getMessage());
        } catch (OutputClosed e) {
            return 0; // `saturn history --from -7d | head`: the reader is gone, stop reading the history
        }
        out.flush();
        return 0;
    }

    /** stdout was closed (a pipe into head): no point in decoding the rest of the window. */
    private static final class OutputClosed extends RuntimeException {
        OutputClosed() {
            super(null, null, false, false);
        }
    }

    private Consumer<UseReport> printer(PrintWriter out) {
        ReportWriter<UseReport> writer = format.json ? new JsonReportWriter() : format.csv ? new CsvReportWriter()
                : new TextReportWriter(color.colour(), dev.saturn.cli.output.Terminal.columns(1));
        boolean text = !format.json && !format.csv;
        boolean[] first = {true};
        return r -> {
            if (text && !first[0]) {
                out.println();
            }
            first[0] = false;
            try {
                writer.write(out, r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (format.json) {
                out.println();
            }
        };
    }

    private static Instant time(String option, String text, Clock clock) {
        try {
            return TimeSpec.parse(text, clock);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }

    private static Instant end(String text, Instant from, Clock clock) {
        try {
            return TimeSpec.parseEnd(text, from, clock);
        } catch (IllegalArgumentException e) {
            throw new UserException("--to: " + e.getMessage());
        }
    }

    private static String held(HistoryReader reader) throws HistoryException {
        return reader.span().map(s -> " (it holds " + s.samples() + " samples from " + s.oldest() + " to " + s.newest() + ")")
                .orElse(" (it holds no samples yet)");
    }
}
