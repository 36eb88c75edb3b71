package dev.saturn.cli.use;

import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.cli.output.JsonReportWriter;
import dev.saturn.cli.output.TextReportWriter;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Loads the classes of a `saturn use` run, so the build can archive them for a fast start (AppCDS). */
@Command(name = "train-cds", hidden = true)
public final class TrainCdsCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        try (LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), true, true)) {
            UseReport report = new UseAnalyzer(Thresholds.defaults()).analyze(sampler.next(Duration.ofMillis(100), f -> { }));
            PrintWriter sink = new PrintWriter(new StringWriter());
            new TextReportWriter(true).write(report, sink);
            new JsonReportWriter().write(report, sink);
            new CommandLine(new UseCommand()).getUsageMessage();
        }
        return 0;
    }
}
