package dev.saturn.cli.stat;

import dev.saturn.cli.options.DurationConverter;
import dev.saturn.cli.common.UserException;
import dev.saturn.cli.options.VerboseOption;
import dev.saturn.cli.output.Terminal;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.Reading;
import dev.saturn.collectors.perf.ProcessCounters;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "stat", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Count a process's events (CPU time, faults, cycles) as perf stat.",
            "",
            "One counter per thread and event through perf_event_open: task-clock (CPU time), "
                + "context switches, CPU migrations, page faults; cycles, instructions and IPC where the "
                + "machine has a PMU (`<not supported>` where it has none, as in most VMs). Threads the "
                + "process starts during the count are counted (the counters inherit); threads that exit "
                + "keep their counts. Prints perf stat's table, or --json.",
            ""},
        footer = {"",
            "Examples:",
            "  saturn stat -p 4242                 # count for 5 s",
            "  saturn stat -p $(pgrep -o java) --duration 30s",
            "  saturn stat -p 4242 --duration 1m   # Ctrl-C stops early, and prints",
            "  saturn stat -p 4242 --json | jq '.cpus_utilized'",
            "",
            "Needs root, CAP_PERFMON, or kernel.perf_event_paranoid <= 2 and a process of your own user.",
            "Docs: docs/stat.md."})
public final class StatCommand implements Callable<Integer> {
    private static final long POLL_MILLIS = 100;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--pid"}, required = true, paramLabel = "PID", description = "The process to count.")
    int pid;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class, defaultValue = "5s", paramLabel = "DURATION",
            description = "How long to count (default ${DEFAULT-VALUE}; e.g. 500ms, 30s, 2m). Ctrl-C stops early.")
    Duration duration;

    @Option(names = "--json", description = "Print the counts as one JSON object.")
    boolean json;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Reading<ProcessCounters> opened = ProcessCounters.open(HostPaths.liveHost(), pid);
        if (!opened.isAvailable()) {
            throw new UserException(opened.reason());
        }
        // the counters count from their opening: the window starts here, after JNA's load (~0.1 s cold)
        long start = System.nanoTime();
        StatReport report;
        try (ProcessCounters counters = opened.value(); Interrupt interrupt = Interrupt.install()) {
            announce(err, counters);
            StatReport.StopReason reason = waitFor(counters, interrupt, start, err);
            report = new StatReport(counters.read(), (System.nanoTime() - start) / 1e9, reason);
        }
        PrintWriter out = spec.commandLine().getOut();
        ReportWriter<StatReport> writer = json ? new StatJsonWriter() : new StatTextWriter();
        writer.write(out, report);
        return 0;
    }

    private void announce(PrintWriter err, ProcessCounters counters) {
        err.printf(Locale.ROOT, "saturn: counting process %d (%s, %d thread%s) for %s; Ctrl-C stops early and prints%n",
                counters.pid(), counters.command(), counters.threads(), counters.threads() == 1 ? "" : "s",
                seconds(duration.toNanos() / 1e9));
        err.flush();
    }

    private StatReport.StopReason waitFor(ProcessCounters counters, Interrupt interrupt, long start, PrintWriter err)
            throws InterruptedException {
        Terminal.Progress progress = Terminal.progress(err, duration, true);
        long end = start + duration.toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                if (now >= end) {
                    return StatReport.StopReason.DURATION;
                }
                if (interrupt.fired()) {
                    return StatReport.StopReason.INTERRUPT;
                }
                if (!counters.alive()) {
                    return StatReport.StopReason.EXIT;
                }
                progress.update((double) (now - start) / duration.toNanos());
                interrupt.await(Math.min(POLL_MILLIS, Math.max(1, (end - now) / 1_000_000)));
            }
        } finally {
            progress.clear();
        }
    }

    private static String seconds(double s) {
        return s >= 10 || s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }
}
