package dev.saturn.analyzers.use;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Figures in words for a person. */
public final class Numbers {
    private Numbers() {
    }

    /** Enough digits that a rate above zero never reads as 0 beside a warning: 0.2, 0.013, 3.5, 120. */
    public static String rate(double v) {
        if (v == 0 || Math.abs(v) >= 10 || Double.isNaN(v) || Double.isInfinite(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return new BigDecimal(v).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
