package dev.saturn.cli.stat;

import dev.saturn.collectors.perf.CounterEvent;
import dev.saturn.collectors.perf.EventCount;
import dev.saturn.collectors.perf.ProcessCounts;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** perf stat's layout: value, unit, event name, and after '#' the derived ratio; then the elapsed time. */
final class StatTextWriter implements ReportWriter<StatReport> {

    @Override
    public String contentType() {
        return TEXT;
    }

    @Override
    public void write(Writer to, StatReport r) {
        PrintWriter out = ReportWriter.lines(to);
        ProcessCounts c = r.counts();
        out.println();
        out.printf(Locale.ROOT, " Performance counter stats for process id '%d' (%s):%n", c.pid(), c.command());
        out.println();
        Map<String, List<String>> notSupported = new LinkedHashMap<>();
        for (EventCount e : c.events()) {
            String name = e.event().perfName() + (c.userOnly() ? ":u" : "");
            if (!e.supported()) {
                out.printf(Locale.ROOT, "%18s      %s%n", "<not supported>", name);
                notSupported.computeIfAbsent(e.unsupported(), k -> new ArrayList<>()).add(e.event().perfName());
                continue;
            }
            if (!e.counted()) {
                out.printf(Locale.ROOT, "%18s      %s%n", "<not counted>", name);
                continue;
            }
            boolean clock = e.event() == CounterEvent.TASK_CLOCK;
            String value = clock ? String.format(Locale.US, "%,.2f", e.scaled() / 1e6) : String.format(Locale.US, "%,d", Math.round(e.scaled()));
            String line = String.format(Locale.ROOT, "%18s %-4s %-32s %s", value, clock ? "msec" : "", name, comment(r, e));
            if (e.runningFraction() < 1.0) {
                line += String.format(Locale.ROOT, "  (%.2f%%)", 100 * e.runningFraction());
            }
            out.println(line.stripTrailing());
        }
        out.println();
        out.printf(Locale.ROOT, "%18.9f seconds time elapsed%n", r.elapsedSeconds());
        out.println();
        out.printf(Locale.ROOT, " Threads: %d counted from the start%s; %s.%n", c.threadsAtStart(),
                c.threadsExited() > 0 ? " (" + c.threadsExited() + " since exited, their counts kept)" : "",
                c.threadsStartedSeen() == 0 ? "none started since"
                        : c.threadsStartedSeen() + " started since, counted in the thread that started them");
        for (Map.Entry<String, List<String>> n : notSupported.entrySet()) {
            out.println(" " + String.join(", ", n.getValue()) + ": not supported: " + n.getKey() + ".");
        }
        if (c.userOnly()) {
            out.println(" :u = user space only: kernel.perf_event_paranoid forbids counting kernel events without CAP_PERFMON.");
        }
        if (r.stoppedBy() == StatReport.StopReason.EXIT) {
            out.printf(Locale.ROOT, " Process %d exited %.2f s into the count; the counts cover it until then.%n",
                    c.pid(), r.elapsedSeconds());
        } else if (r.stoppedBy() == StatReport.StopReason.INTERRUPT) {
            out.printf(Locale.ROOT, " Stopped by Ctrl-C after %.2f s.%n", r.elapsedSeconds());
        }
        out.flush();
    }

    private static String comment(StatReport r, EventCount e) {
        Double v = switch (e.event()) {
            case TASK_CLOCK -> r.cpusUtilized();
            case CYCLES -> r.ghz();
            case INSTRUCTIONS -> r.ipc();
            default -> r.perSecond(e);
        };
        if (v == null) {
            return "";
        }
        return switch (e.event()) {
            case TASK_CLOCK -> String.format(Locale.ROOT, "# %8.3f CPUs utilized", v);
            case CYCLES -> String.format(Locale.ROOT, "# %8.3f GHz", v);
            case INSTRUCTIONS -> String.format(Locale.ROOT, "# %8.2f  insn per cycle", v);
            default -> String.format(Locale.ROOT, "# %8.3f /sec", v);
        };
    }
}
