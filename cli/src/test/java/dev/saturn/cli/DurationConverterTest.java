package dev.saturn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {
    private static Duration parse(String value) {
        return new DurationConverter().convert(value);
    }

    @Test
    void readsTheUnitsAUserTypes() {
        assertEquals(Duration.ofSeconds(5), parse("5"));
        assertEquals(Duration.ofSeconds(5), parse("5s"));
        assertEquals(Duration.ofMillis(500), parse("500ms"));
        assertEquals(Duration.ofMillis(2500), parse("2.5s"));
        assertEquals(Duration.ofMinutes(1), parse("1m"));
        assertEquals(Duration.ofHours(2), parse("2h"));
        assertEquals(Duration.ofMillis(500), parse(".5"));
        assertEquals(Duration.ofSeconds(3), parse(" 3 S "));
    }

    @Test
    void javaNumberSyntaxIsNotADuration() {
        // Double.parseDouble reads "5d" as 5.0 (a double literal): one day would have become 5 seconds
        for (String odd : new String[] {"5d", "1e9s", "0x10", "1f", "NaN", "Infinity", "1.5e3ms", "abc", "", "s", "1w"}) {
            CliRun run = CliRun.of("use", "--interval", odd);
            assertEquals(2, run.exit(), odd + ": " + run.err());
            assertTrue(run.oneLineError(), run.err());
            assertTrue(run.err().contains("is not a duration"), odd + ": " + run.err());
        }
    }

    @Test
    void zeroNegativeAndOverflowingDurationsAreRefused() {
        for (String odd : new String[] {"0", "0s", "-1s", "0.0000000001s"}) {
            CliRun run = CliRun.of("stat", "-p", "1", "--duration", odd);
            assertEquals(2, run.exit(), odd + ": " + run.err());
            assertTrue(run.err().contains("is not a positive duration"), odd + ": " + run.err());
        }
        // 1e20 s used to round to Long.MAX_VALUE ns and overflow the deadline: a 0.02 s report
        CliRun run = CliRun.of("use", "--interval", "100000000000000000000s");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("is too long a duration"), run.err());
    }
}
