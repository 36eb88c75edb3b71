package dev.saturn.analyzers.use;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A threshold is a plain number: what Java's parser also takes (80d, 0x1p3, NaN) is refused in one line. */
class ThresholdsTest {
    @Test
    void plainNumbersAreTaken() {
        assertEquals(80.0, with("utilization.warn", "80").band("utilization").warn());
        assertEquals(0.5, with("cpu.runq_per_cpu.warn", " 0.5 ").band("cpu.runq_per_cpu").warn());
    }

    @Test
    void whatOnlyJavaReadsAsANumberIsRefused() {
        for (String bad : new String[] {"80d", "0x1p3", "NaN", "Infinity", "1e2", "-5", "80%", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with("utilization.warn", bad), bad);
            assertEquals("threshold 'utilization.warn' is not a number: " + bad + " (give a plain number such as 80 or 0.5)", e.getMessage());
        }
    }

    private static Thresholds with(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return Thresholds.defaults().with(p);
    }
}
