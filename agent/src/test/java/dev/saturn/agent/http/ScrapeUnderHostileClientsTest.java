package dev.saturn.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.LiveReports;
import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.history.HistoryWriter;
import dev.saturn.analyzers.use.UseReport;
import dev.saturn.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /metrics stays fast while 50 clients try to stall the agent: 20 slowloris clients sending their request head a
 * header a second, 15 idle connections, 15 slow readers of a 1000-report /api/v1/history answer (~8 MB), and two
 * loaders fetching 200-report windows back to back. 200 scrapes over a kept-alive connection, one every 50 ms:
 * the 99th percentile is under 100 ms; and the hostile clients were really there: every slowloris and idle
 * client was cut off by the server's 5 s head deadline, the slow readers kept receiving, the loaders got answers.
 */
class ScrapeUnderHostileClientsTest {
    @TempDir
    Path dir;

    @Test
    void metricsAnswerWithinAHundredMillisecondsAtP99BesideFiftyHostileClientsAndAHistoryLoad() throws Exception {
        Instant t0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<UseReport> live = LiveReports.take(3, Duration.ofMillis(100));
        try (HistoryWriter w = HistoryWriter.open(dir)) {
            for (int i = 0; i < 1000; i++) {
                UseReport r = live.get(i % live.size());
                w.append(new UseReport(r.host(), r.kernel(), r.cpuModel(), r.cpus(), r.memoryBytes(), r.intervalSeconds(),
                        t0.plusSeconds(i), r.resources(), r.findings(), r.topProcesses(), r.topProcessesReason()));
            }
        }
        String big = "/api/v1/history?from=" + t0 + "&to=" + t0.plusSeconds(999);
        String load = "/api/v1/history?from=" + t0 + "&to=" + t0.plusSeconds(199);
        try (RunningAgent agent = new RunningAgent(dir, Duration.ofSeconds(1))) {
            agent.awaitSamples(1);
            HostileClients.scrape(agent.agent.address(), 20, Duration.ofMillis(20)); // warm-up, not counted
            try (HostileClients hostile = HostileClients.start(agent.agent.address(), big, load, 20, 15, 15, 2)) {
                Poll.untilTrue(Duration.ofSeconds(60), "slow readers receiving and the loaders answered",
                        () -> hostile.slowReaderBytes.get() > 0 && hostile.historyAnswers.get() > 0);
                long bytesBefore = hostile.slowReaderBytes.get();
                long answersBefore = hostile.historyAnswers.get();

                long[] micros = HostileClients.scrape(agent.agent.address(), 200, Duration.ofMillis(50));

                double median = HostileClients.quantileMillis(micros, 0.5);
                double p99 = HostileClients.quantileMillis(micros, 0.99);
                System.out.printf("ScrapeUnderHostileClientsTest: 200 scrapes, median %.2f ms, p99 %.2f ms, max %.2f ms;"
                                + " heads cut off %d, idle closed %d, slow readers got %d bytes, %d history answers%n",
                        median, p99, HostileClients.quantileMillis(micros, 1), hostile.headsCutOff.get(), hostile.idleClosed.get(),
                        hostile.slowReaderBytes.get(), hostile.historyAnswers.get());
                assertTrue(p99 < 100, "p99 of /metrics beside 50 hostile clients: " + p99 + " ms (median " + median + ")");
                Poll.untilTrue(Duration.ofSeconds(30), "every slowloris and idle client cut off by the 5 s head deadline",
                        () -> hostile.headsCutOff.get() >= 20 && hostile.idleClosed.get() >= 15);
                assertTrue(hostile.slowReaderBytes.get() > bytesBefore, "the slow readers kept receiving");
                assertTrue(hostile.historyAnswers.get() > answersBefore, "history answered beside the scrapes");
                assertEquals(0, hostile.historyFailures.get(), "no history request refused or cut off");
            }
            assertTrue(agent.log().contains("request head not complete within 5 s"), agent.log());
        }
    }
}
