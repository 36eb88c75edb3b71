package dev.saturn.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * "1s", "500ms", "2.5s", "1m", "1h", or a bare number of seconds. Plain decimals only: Java's own
 * number syntax would take "5d" (a double literal) as 5 seconds and "1e9s" as 31 years.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(ms|s|m|h)?");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not " + (v.startsWith("-") ? "a positive duration"
                    : "a duration (examples: 1s, 500ms, 2.5s, 1m, 1h)"));
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        long scale = switch (unit) {
            case "ms" -> 1_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 1_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(scale));
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        }
        if (nanos.signum() == 0 || nanos.compareTo(BigDecimal.ONE) < 0) {
            throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
