package dev.saturn.collectors.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationSpecTest {
    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            500ms         | PT0.5S
            5s            | PT5S
            5             | PT5S
            2.5s          | PT2.5S
            .5            | PT0.5S
            1.            | PT1S
            1m            | PT1M
            90m           | PT1H30M
            1h30m         | PT1H30M
            1h 30m        | PT1H30M
            1m30s500ms    | PT1M30.5S
            1d            | PT24H
            2w            | PT336H
            1w2d3h4m5s6ms | PT219H4M5.006S
            ' 3 S '       | PT3S
            0             | PT0S
            0s            | PT0S
            """)
    void readsEveryForm(String text, String iso) {
        assertEquals(Duration.parse(iso), DurationSpec.parse(text));
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10x                      | is not a duration: give e.g. 500ms, 30s, 1m, 1h30m, 1d, 2w (units ms s m h d w; a bare number is seconds)
            ''                       | is not a duration
            '   '                    | is not a duration
            s                        | is not a duration
            1y                       | is not a duration
            5d3                      | is not a duration
            30m1h                    | is not a duration
            1m1m                     | is not a duration
            1 2                      | is not a duration
            1e9s                     | is not a duration
            0x10                     | is not a duration
            1f                       | is not a duration
            NaN                      | is not a duration
            Infinity                 | is not a duration
            PT1H                     | is not a duration
            -1s                      | is negative
            -0                       | is negative
            100000000000000000000s   | is too long a duration
            15251w                   | is too long a duration
            """)
    void refusesWithOneLineNamingTheForms(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationSpec.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "' " + reason), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
    }

    @ParameterizedTest(name = "''{0}'' is not positive")
    @CsvSource({"0", "0s", "0ms", "0.0000000001s"})
    void positiveRefusesZero(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationSpec.positive(text));
        assertEquals("'" + text + "' is not a positive duration", e.getMessage());
    }
}
