package dev.saturn.analyzers.jvm;

import dev.saturn.collectors.jfr.JvmInfo;
import dev.saturn.collectors.jfr.RecordingSpan;
import java.util.List;

/**
 * What a JFR recording says about CPU, GC and locks: the hottest methods, the GC pauses, and the
 * contended monitors and parks by class. {@code monitorWaitNs} over the recording's span is the
 * user-mutex saturation of the USE method: the average number of threads blocked entering a monitor.
 */
public record JfrSummary(RecordingSpan span, JvmInfo jvm, long samples, List<MethodHeat> hotMethods,
        GcTotals gc, List<GcTotals> gcByCollector, List<Contention> monitors, long monitorWaitNs,
        List<Contention> parks, long parkNs, EventSettings sampling, EventSettings gcSettings,
        EventSettings monitorSettings, EventSettings parkSettings) {
    public JfrSummary {
        hotMethods = List.copyOf(hotMethods);
        gcByCollector = List.copyOf(gcByCollector);
        monitors = List.copyOf(monitors);
        parks = List.copyOf(parks);
    }

    /** Average threads blocked entering monitors over the recording; null when the span is empty. */
    public Double monitorSaturation() {
        double spanNs = span.seconds() * 1e9;
        return spanNs > 0 ? monitorWaitNs / spanNs : null;
    }

    public Double gcPausePct() {
        double spanNs = span.seconds() * 1e9;
        return spanNs > 0 ? 100.0 * gc.totalPauseNs() / spanNs : null;
    }
}
