package dev.saturn.report.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sample values keep 15 significant digits of the exact double, whichever way number() gets there. */
class PrometheusNumberTest {

    /** What a sample value must read: the exact binary value rounded to 15 digits, shortest form. */
    static String exact(double v) {
        String shortest = Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return shortest.length() <= 16 ? shortest : Double.toString(new BigDecimal(v).round(new MathContext(15)).doubleValue());
    }

    @Test
    void scaledPercentagesMillisecondsAndEpochsReadAsTheExactValueRounded() {
        assertEquals("0.94", PrometheusText.number(94 * 0.01));
        assertEquals("1.764000000123", PrometheusText.number(1764000000123L / 1000.0 / 1e9));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextDouble() * 100 * 0.01;
                case 1 -> random.nextLong(1_000_000) / 1000.0 * 0.001;
                case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 14)) * (random.nextBoolean() ? 1 : -1);
                default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            };
            assertEquals(exact(v), PrometheusText.number(v), "value " + v);
        }
    }

    @Test
    void aTieInTheShortestDigitsIsDecidedByTheExactValue() {
        int ties = 0;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000 && ties < 200; i++) {
            // 16 significant digits ending in 5: the shortest form of the nearest double is often exactly that decimal.
            long digits = random.nextLong(1_000_000_000_000_000L, 10_000_000_000_000_000L) / 10 * 10 + 5;
            double v = digits / Math.pow(10, random.nextInt(10, 22));
            BigDecimal shortest = new BigDecimal(Double.toString(v));
            if (shortest.precision() == 16 && shortest.unscaledValue().mod(java.math.BigInteger.TEN).intValue() == 5) {
                ties++;
                assertEquals(exact(v), PrometheusText.number(v), "tie " + v);
            }
        }
        assertEquals(200, ties, "enough ties tried");
    }
}
