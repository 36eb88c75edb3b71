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
 * /metrics stays fast while 50 clients (in a JVM of their own) try to stall the agent: 20 slowloris clients sending their request head a
 * header a second, 15 idle connections, 15 slow readers of a 1000-report /api/v1/history answer (~8 MB), and two
 * loaders fetching 200-report windows back to back. 200 scrapes over a kept-alive connection, one every 50 ms:
 * the 99th percentile is under 100 ms; and the hostile clients were really there: every slowloris and idle
 * client was cut off by the server's 5 s head deadline, the slow readers kept receiving, the loaders got answers.
 */
class ScrapeUnderHostileClientsTest {
    @TempDir
    Path dir;

    /** {@link HostileClients} in a JVM of its own, as a real load would be: its garbage collections do not pause the agent. */
    private static final class HostileLoad implements AutoCloseable {
        private final Process process;
        private volatile String last = "";

        private HostileLoad(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        last = line;
                    }
                } catch (java.io.IOException e) {
                    // the load was stopped
                }
            }, "hostile-load-out");
            reader.setDaemon(true);
            reader.start();
        }

        static HostileLoad start(int port, String big, String load) throws java.io.IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new HostileLoad(new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    HostileClients.class.getName(), String.valueOf(port), "load", big, load).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        String last() {
            return last;
        }

        long counter(String name) {
            String[] words = last.split(" ");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals(name)) {
                    return Long.parseLong(words[i + 1]);
                }
            }
            return 0;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

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
            try (HostileLoad hostile = HostileLoad.start(agent.port(), big, load)) {
                Poll.untilTrue(Duration.ofSeconds(60), "slow readers receiving and the loaders answered",
                        () -> hostile.counter("slow_reader_bytes") > 0 && hostile.counter("history_answers") > 0);
                long bytesBefore = hostile.counter("slow_reader_bytes");
                long answersBefore = hostile.counter("history_answers");

                long[] micros = HostileClients.scrape(agent.agent.address(), 200, Duration.ofMillis(50));

                double median = HostileClients.quantileMillis(micros, 0.5);
                double p99 = HostileClients.quantileMillis(micros, 0.99);
                System.out.printf("ScrapeUnderHostileClientsTest: 200 scrapes, median %.2f ms, p99 %.2f ms, max %.2f ms; %s%n",
                        median, p99, HostileClients.quantileMillis(micros, 1), hostile.last());
                assertTrue(p99 < 100, "p99 of /metrics beside 50 hostile clients: " + p99 + " ms (median " + median + ")");
                Poll.untilTrue(Duration.ofSeconds(30), "every slowloris and idle client cut off by the 5 s head deadline",
                        () -> hostile.counter("heads_cut_off") >= 20 && hostile.counter("idle_closed") >= 15);
                Poll.untilTrue(Duration.ofSeconds(30), "the slow readers kept receiving and history answered beside the scrapes",
                        () -> hostile.counter("slow_reader_bytes") > bytesBefore && hostile.counter("history_answers") > answersBefore);
                assertEquals(0, hostile.counter("history_failures"), "no history request refused or cut off: " + hostile.last());
            }
            assertTrue(agent.log().contains("request head not complete within 5 s"), agent.log());
        }
    }
}
