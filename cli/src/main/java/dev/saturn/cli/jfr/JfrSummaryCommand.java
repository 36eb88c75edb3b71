package dev.saturn.cli.jfr;

import dev.saturn.analyzers.jvm.JfrSummarizer;
import dev.saturn.analyzers.jvm.JfrSummary;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.ColorOption;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.collectors.jfr.RecordingException;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Summarize a JFR recording: hot methods, GC pauses, locks.",
            "",
            "The hottest methods (execution samples on top of the stack, and anywhere in it), the GC "
                + "pauses (count, total, longest, by collector), and the most contended monitors and "
                + "parks by class with the code that waited: a JVM's user-mutex USE cell. Monitor "
                + "enters and parks are recorded only above a threshold (20 ms in JFR's default "
                + "settings, 10 ms in profile); the summary says which.",
            ""},
        footer = {"",
            "Examples:",
            "  java -XX:StartFlightRecording=filename=rec.jfr,settings=profile -jar app.jar",
            "  saturn jfr summary rec.jfr",
            "  jcmd 4242 JFR.dump filename=now.jfr && saturn jfr summary --top 5 now.jfr",
            "  saturn jfr summary --json rec.jfr | jq '.monitor_enter.classes[0]'",
            "",
            "Docs: docs/jfr-summary.md."})
public final class JfrSummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .jfr recording.")
    Path file;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Rows per list: methods, monitor classes, park classes (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Mixin
    ColorOption color;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UserException("--top must be at least 1, got " + top);
        }
        if (file.toString().equals("-")) {
            // a recording is read by seeking through its chunks: a file, not a stream
            throw new UserException("jfr summary reads a .jfr file, not standard input: save the recording to a file first");
        }
        JfrSummary summary;
        try {
            summary = JfrSummarizer.summarize(file, top);
        } catch (RecordingException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        if (summary.span().truncated() != null) {
            err.println("saturn: warning: " + file + " ends in a truncated chunk (" + summary.span().truncated()
                    + "): the summary covers the complete chunks before it");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        ReportWriter<SummaryOfFile> writer = json ? new JfrSummaryJsonWriter() : new JfrSummaryTextWriter(color.colour());
        writer.write(out, new SummaryOfFile(file, summary));
        return 0;
    }
}
