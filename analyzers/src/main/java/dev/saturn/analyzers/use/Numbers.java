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

    /** A size in the binary unit that fits it: 512 B, 20.0 MiB, 1.5 TiB (never 0.0 GB for a small file system). */
    public static String bytes(double v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double x = Math.abs(v);
        while (x >= 1024 && u < units.length - 1) {
            x /= 1024;
            u++;
        }
        double shown = Math.copySign(x, v);
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", shown) : String.format(Locale.ROOT, "%.1f %s", shown, units[u]);
    }
}
