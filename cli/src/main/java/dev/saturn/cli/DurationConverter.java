package dev.saturn.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "1s", "500ms", "2.5s", "1m", or a bare number of seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            double amount;
            double scaleNanos;
            if (v.endsWith("ms")) {
                amount = Double.parseDouble(v.substring(0, v.length() - 2));
                scaleNanos = 1e6;
            } else if (v.endsWith("s")) {
                amount = Double.parseDouble(v.substring(0, v.length() - 1));
                scaleNanos = 1e9;
            } else if (v.endsWith("m")) {
                amount = Double.parseDouble(v.substring(0, v.length() - 1));
                scaleNanos = 60e9;
            } else {
                amount = Double.parseDouble(v);
                scaleNanos = 1e9;
            }
            if (!(amount > 0) || Double.isInfinite(amount)) {
                throw new TypeConversionException("'" + value + "' is not a positive duration");
            }
            return Duration.ofNanos(Math.round(amount * scaleNanos));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 1s, 500ms, 2.5s, 1m)");
        }
    }
}
