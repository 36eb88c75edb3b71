package dev.saturn.agent;

import dev.saturn.analyzers.use.Thresholds;
import dev.saturn.analyzers.use.UseAnalyzer;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.HostPaths;
import dev.saturn.collectors.snapshot.LiveSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real USE reports of this host, sampled the way the agent samples. */
public final class LiveReports {
    private LiveReports() {
    }

    public static List<UseReport> take(int count, Duration interval) throws InterruptedException {
        UseAnalyzer analyzer = new UseAnalyzer(Thresholds.defaults());
        List<UseReport> out = new ArrayList<>();
        try (LiveSampler sampler = new LiveSampler(HostPaths.liveHost(), false, true)) {
            for (int i = 0; i < count; i++) {
                out.add(analyzer.analyze(sampler.next(interval, f -> { })));
            }
        }
        return out;
    }
}
