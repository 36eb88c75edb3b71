package dev.saturn.cli.jfr;

import dev.saturn.analyzers.jvm.Contention;
import dev.saturn.analyzers.jvm.EventSettings;
import dev.saturn.analyzers.jvm.GcTotals;
import dev.saturn.analyzers.jvm.JfrSummary;
import dev.saturn.analyzers.jvm.MethodHeat;
import dev.saturn.collectors.jfr.JvmInfo;
import dev.saturn.report.ReportWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The summary for a person: a heading line, then methods, GC pauses, monitors and parks, each a small table. */
final class JfrSummaryTextWriter implements ReportWriter<SummaryOfFile> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final boolean colour;

    JfrSummaryTextWriter(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String contentType() {
        return TEXT;
    }

    @Override
    public void write(Writer to, SummaryOfFile report) {
        PrintWriter out = ReportWriter.lines(to);
        Path file = report.file();
        JfrSummary s = report.summary();
        out.println(bold("saturn jfr summary: " + file + heading(s)));
        out.println();
        methods(s, out);
        out.println();
        gc(s, out);
        out.println();
        contention(out, "Contended monitors", "waits", s.monitorSettings(), s.monitors(), s.monitorWaitNs(),
                s.monitorSaturation() == null ? "" : String.format(Locale.ROOT,
                        "; %.2f threads blocked on average (user-mutex saturation)", s.monitorSaturation()));
        out.println();
        contention(out, "Parks by blocker class", "parks", s.parkSettings(), s.parks(), s.parkNs(),
                "; idle pool threads waiting for work park too");
        out.flush();
    }

    private static String heading(JfrSummary s) {
        StringBuilder b = new StringBuilder();
        JvmInfo jvm = s.jvm();
        if (jvm != null) {
            b.append(", ").append(jvm.name()).append(' ').append(release(jvm.version()));
            if (jvm.pid() > 0) {
                b.append(", PID ").append(jvm.pid());
            }
        }
        if (s.span().start() != null) {
            b.append(", ").append(TIME.format(s.span().start()));
        }
        b.append(String.format(Locale.ROOT, ", %.2f s recorded", s.span().seconds()));
        return b.toString();
    }

    /** "OpenJDK 64-Bit Server VM (17.0.9+9) for linux-amd64 JRE (...)" -> "17.0.9+9". */
    private static String release(String version) {
        int open = version.indexOf('(');
        int close = version.indexOf(')', open + 1);
        return open >= 0 && close > open ? version.substring(open + 1, close) : version;
    }

    private void methods(JfrSummary s, PrintWriter out) {
        String period = s.sampling().period() == null ? "" : ", every " + s.sampling().period() + " per running thread";
        if (s.samples() == 0) {
            out.println(bold("Hottest methods:") + " none: " + absent(s.sampling(), "execution samples"));
            return;
        }
        out.println(bold("Hottest methods") + " (" + s.samples() + " execution sample" + (s.samples() == 1 ? "" : "s") + period + "):");
        out.println(dim(String.format(Locale.ROOT, "  %7s %7s %8s  %s", "SELF%", "TOTAL%", "SAMPLES", "METHOD")));
        for (MethodHeat m : s.hotMethods()) {
            out.println(String.format(Locale.ROOT, "  %7.1f %7.1f %8d  %s", 100.0 * m.self() / s.samples(),
                    100.0 * m.total() / s.samples(), m.self(), m.method()));
        }
    }

    private void gc(JfrSummary s, PrintWriter out) {
        GcTotals all = s.gc();
        if (all.collections() == 0) {
            out.println(bold("GC pauses:") + " none: " + absent(s.gcSettings(), "garbage collections"));
            return;
        }
        out.println(bold("GC pauses:") + String.format(Locale.ROOT, " %d collection%s, %s paused in all%s, %s the longest",
                all.collections(), all.collections() == 1 ? "" : "s", Durations.format(all.totalPauseNs()),
                s.gcPausePct() == null ? "" : String.format(Locale.ROOT, " (%.2f%% of the recording)", s.gcPausePct()),
                Durations.format(all.maxPauseNs())));
        out.println(dim(String.format(Locale.ROOT, "  %7s %10s %10s  %s", "COUNT", "TOTAL", "LONGEST", "COLLECTOR")));
        for (GcTotals g : s.gcByCollector()) {
            out.println(String.format(Locale.ROOT, "  %7d %10s %10s  %s", g.collections(), Durations.format(g.totalPauseNs()),
                    Durations.format(g.maxPauseNs()), g.collector()));
        }
    }

    private void contention(PrintWriter out, String title, String what, EventSettings settings, List<Contention> rows,
            long totalNs, String tail) {
        String threshold = settings.threshold() == null ? "" : ", " + what + " of " + settings.threshold() + " or more";
        if (rows.isEmpty()) {
            out.println(bold(title + ":") + " none" + (Boolean.FALSE.equals(settings.enabled())
                    ? ": " + absent(settings, what) : settings.threshold() == null ? " recorded" : " of " + settings.threshold() + " or more"));
            return;
        }
        out.println(bold(title) + " (" + settings.eventType() + threshold + "): " + Durations.format(totalNs) + " in all" + tail);
        out.println(dim(String.format(Locale.ROOT, "  %7s %7s %10s %10s  %s", what.toUpperCase(Locale.ROOT), "THREADS",
                "TOTAL", "LONGEST", "CLASS (WAITING IN)")));
        for (Contention c : rows) {
            out.println(String.format(Locale.ROOT, "  %7d %7d %10s %10s  %s%s", c.waits(), c.threads(),
                    Durations.format(c.totalNs()), Durations.format(c.maxNs()), c.objectClass(),
                    c.topSite() == null ? "" : " (" + c.topSite() + ")"));
        }
    }

    /** Why a list is empty: the recording left the event out, or had none. */
    private static String absent(EventSettings settings, String what) {
        if (Boolean.FALSE.equals(settings.enabled())) {
            return settings.eventType() + " is disabled in this recording (record with settings=profile, or enable it in a .jfc)";
        }
        return "the recording has no " + what;
    }

    private String bold(String s) {
        return colour ? "\033[1m" + s + "\033[0m" : s;
    }

    private String dim(String s) {
        return colour ? "\033[2m" + s + "\033[0m" : s;
    }
}
