package dev.saturn.analyzers.jvm;

import dev.saturn.collectors.jfr.EventSetting;
import dev.saturn.collectors.jfr.GcPause;
import dev.saturn.collectors.jfr.JvmInfo;
import dev.saturn.collectors.jfr.LockWait;
import dev.saturn.collectors.jfr.MethodSample;
import dev.saturn.collectors.jfr.RecordingException;
import dev.saturn.collectors.jfr.RecordingListener;
import dev.saturn.collectors.jfr.RecordingReader;
import dev.saturn.collectors.jfr.RecordingSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates a recording's events, as {@link RecordingReader} hands them over, into a {@link JfrSummary}.
 * The hottest methods are those on top of the stack in the most samples (self); total counts the
 * samples with the method anywhere in the stack, recursion once.
 */
public final class JfrSummarizer implements RecordingListener {
    private static final String NO_BLOCKER = "(no blocker object)";

    private final Map<String, long[]> selfAndTotal = new HashMap<>();
    private final Map<String, GcTotals> gcByCollector = new LinkedHashMap<>();
    private final Map<String, Waits> monitors = new HashMap<>();
    private final Map<String, Waits> parks = new HashMap<>();
    private final Map<String, Map<String, String>> settings = new HashMap<>();
    private GcTotals gc = new GcTotals("all", 0, 0, 0);
    private JvmInfo jvm;
    private long samples;
    private long monitorWaitNs;
    private long parkNs;

    /** Reads {@code file} and summarizes it, keeping the {@code top} methods and classes of each list. */
    public static JfrSummary summarize(Path file, int top) throws RecordingException {
        JfrSummarizer summarizer = new JfrSummarizer();
        RecordingSpan span = RecordingReader.read(file, summarizer);
        return summarizer.summary(span, top);
    }

    @Override
    public void jvm(JvmInfo info) {
        jvm = info;
    }

    @Override
    public void setting(EventSetting s) {
        settings.computeIfAbsent(s.eventType(), t -> new HashMap<>()).put(s.name(), s.value());
    }

    @Override
    public void sample(MethodSample sample) {
        samples++;
        if (sample.frames().isEmpty()) {
            return;
        }
        selfAndTotal.computeIfAbsent(sample.frames().get(0), m -> new long[2])[0]++;
        Set<String> seen = new HashSet<>();
        for (String frame : sample.frames()) {
            if (seen.add(frame)) {
                selfAndTotal.computeIfAbsent(frame, m -> new long[2])[1]++;
            }
        }
    }

    @Override
    public void gc(GcPause pause) {
        gc = gc.plus(pause.sumOfPausesNs(), pause.longestPauseNs());
        gcByCollector.merge(pause.collector(), new GcTotals(pause.collector(), 1, pause.sumOfPausesNs(), pause.longestPauseNs()),
                (a, b) -> a.plus(b.totalPauseNs(), b.maxPauseNs()));
    }

    @Override
    public void lockWait(LockWait wait) {
        String objectClass = wait.objectClass() == null ? NO_BLOCKER : wait.objectClass();
        if (wait.kind() == LockWait.Kind.MONITOR_ENTER) {
            monitorWaitNs += wait.durationNs();
            monitors.computeIfAbsent(objectClass, c -> new Waits()).add(wait);
        } else {
            parkNs += wait.durationNs();
            parks.computeIfAbsent(objectClass, c -> new Waits()).add(wait);
        }
    }

    JfrSummary summary(RecordingSpan span, int top) {
        List<MethodHeat> heat = new ArrayList<>();
        selfAndTotal.forEach((method, counts) -> {
            if (counts[0] > 0) {
                heat.add(new MethodHeat(method, counts[0], counts[1]));
            }
        });
        heat.sort(Comparator.comparingLong(MethodHeat::self).reversed()
                .thenComparing(Comparator.comparingLong(MethodHeat::total).reversed()).thenComparing(MethodHeat::method));
        List<GcTotals> collectors = new ArrayList<>(gcByCollector.values());
        collectors.sort(Comparator.comparingLong(GcTotals::totalPauseNs).reversed());
        return new JfrSummary(span, jvm, samples, List.copyOf(heat.subList(0, Math.min(top, heat.size()))), gc,
                List.copyOf(collectors), contention(monitors, top), monitorWaitNs, contention(parks, top), parkNs,
                settings("jdk.ExecutionSample"), settings("jdk.GarbageCollection"), settings("jdk.JavaMonitorEnter"),
                settings("jdk.ThreadPark"));
    }

    private EventSettings settings(String type) {
        return new EventSettings(type, Map.copyOf(settings.getOrDefault(type, Map.of())));
    }

    private static List<Contention> contention(Map<String, Waits> byClass, int top) {
        List<Contention> rows = new ArrayList<>();
        byClass.forEach((c, w) -> rows.add(w.row(c)));
        rows.sort(Comparator.comparingLong(Contention::totalNs).reversed().thenComparing(Contention::objectClass));
        return List.copyOf(rows.subList(0, Math.min(top, rows.size())));
    }

    /** The waits on one class: counts, times, threads, and time by site. */
    private static final class Waits {
        long count;
        long totalNs;
        long maxNs;
        final Set<String> threads = new HashSet<>();
        final Map<String, Long> nsBySite = new HashMap<>();

        void add(LockWait w) {
            count++;
            totalNs += w.durationNs();
            maxNs = Math.max(maxNs, w.durationNs());
            threads.add(w.thread());
            if (w.site() != null) {
                nsBySite.merge(w.site(), w.durationNs(), Long::sum);
            }
        }

        Contention row(String objectClass) {
            String site = nsBySite.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
            return new Contention(objectClass, count, totalNs, maxNs, threads.size(), site);
        }
    }
}
