package dev.saturn.cli.agent;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A retention age: "7d", "12h", "90m", "2w", "3600s". */
public final class SpanConverter implements ITypeConverter<Duration> {
    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})(s|m|h|d|w)");

    @Override
    public Duration convert(String value) {
        Matcher m = SPAN.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new TypeConversionException("'" + value + "' is not a span of time (examples: 7d, 12h, 90m, 2w)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
