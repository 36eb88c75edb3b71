package dev.saturn.collectors.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as a person types it, the one grammar of every option, config key and HTTP parameter:
 * numbers with units, largest unit first, each unit once ({@code 500ms}, {@code 2.5s}, {@code 1h30m},
 * {@code 1d}, {@code 2w}), or a bare number of seconds as sysstat takes it. Plain decimals only:
 * Java's number syntax would read "5d" (a double literal) as 5 and "1e9s" as 31 years.
 */
public final class DurationSpec {
    public static final String FORMS = "500ms, 30s, 1m, 1h30m, 1d, 2w (units ms s m h d w; a bare number is seconds)";
    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(ms|s|m|h|d|w)?\\s*");
    /** Largest first: the order the parts of a duration must come in. */
    private static final List<String> UNITS = List.of("w", "d", "h", "m", "s", "ms");
    private static final long[] NANOS = {604_800_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
        1_000_000_000L, 1_000_000L};
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private DurationSpec() {
    }

    /** Zero or more; an {@link IllegalArgumentException} with a one-line reason otherwise. */
    public static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative: give a duration such as " + FORMS);
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        int smallestUnit = -1;
        while (position < s.length()) {
            m.region(position, s.length());
            if (!m.lookingAt()) {
                throw notADuration(text);
            }
            int unit = m.group(2) == null ? -1 : UNITS.indexOf(m.group(2));
            boolean bare = unit < 0;
            if (bare && (position > 0 || m.end() < s.length()) || !bare && unit <= smallestUnit) {
                throw notADuration(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(bare ? 1_000_000_000L : NANOS[unit])));
            smallestUnit = unit;
            position = m.end();
        }
        if (position == 0) {
            throw notADuration(text);
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (at most 292 years)");
        }
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    }

    /** More than zero. */
    public static Duration positive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return d;
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: give e.g. " + FORMS);
    }
}
