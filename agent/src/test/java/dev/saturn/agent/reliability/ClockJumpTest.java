package dev.saturn.agent.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.saturn.agent.RunningAgent;
import dev.saturn.agent.history.HistoryReader;
import dev.saturn.analyzers.use.UseReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall clock jumping (an NTP step, a resumed VM) moves timestamps, never the sampling: the
 * intervals stay as long, no sample is lost or doubled, each jump is logged once.
 */
class ClockJumpTest {
    static final Duration INTERVAL = Duration.ofMillis(250);
    @TempDir
    Path dir;

    /** The system clock plus an offset a test can change at any moment. */
    static final class JumpingClock extends Clock {
        final AtomicLong offsetMillis = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(offsetMillis.get());
        }
    }

    @Test
    void jumpsForwardAndBackMoveTimestampsButNotTheSampling() throws Exception {
        JumpingClock clock = new JumpingClock();
        long samples;
        try (RunningAgent agent = new RunningAgent(dir, INTERVAL, null, clock)) {
            agent.awaitSamples(3);
            clock.offsetMillis.set(3_600_000);
            agent.awaitSamples(4);
            clock.offsetMillis.set(-3_600_000);
            agent.awaitSamples(4);
            String log = agent.log();
            assertTrue(log.contains("wall clock jumped +3600.0 s"), log);
            assertTrue(log.contains("wall clock jumped -7200.0 s"), log);
            assertEquals(2, log.split("wall clock jumped", -1).length - 1, log);
            samples = agent.agent.latest().samples();
        }
        try (HistoryReader reader = HistoryReader.open(dir)) {
            List<UseReport> all = reader.range(Instant.EPOCH, Instant.now().plusSeconds(7200), null, 1000);
            assertEquals(samples, all.size(), "every sample stored once, whatever its timestamp");
            // A jump measured on the wall clock would make an interval of an hour, or a negative one.
            // (The first intervals can run long on a busy machine: the first history write loads SQLite.)
            double[] intervals = all.stream().mapToDouble(UseReport::intervalSeconds).sorted().toArray();
            assertEquals(INTERVAL.toMillis() / 1000.0, intervals[intervals.length / 2], 0.03, "median interval");
            assertTrue(intervals[0] > 0.2 && intervals[intervals.length - 1] < 2, "intervals from " + intervals[0] + " to "
                    + intervals[intervals.length - 1] + " s: timed on the monotonic clock");
            Instant now = Instant.now();
            assertTrue(reader.count(now.plusSeconds(3000), now.plusSeconds(3700)) >= 4, "samples stamped an hour ahead while the clock was");
            assertTrue(reader.count(now.minusSeconds(3700), now.minusSeconds(3000)) >= 4, "and an hour behind after it went back");
        }
    }
}
