package dev.saturn.collectors.time;

import dev.saturn.collectors.time.DurationSpec;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as a person types it: {@code now}, {@code -1h30m} (ago, in {@link DurationSpec}'s grammar), {@code 03:00}
 * (today, or yesterday when that is still to come; as a window's end, see {@link #parseEnd}), {@code 2026-11-27T03:00:00Z} or without the zone
 * (local time), {@code 2026-11-27 03:00}, {@code 2026-11-27}, or Unix seconds.
 */
public final class TimeSpec {
    public static final String FORMS = "now, -90s, -15m, -1h30m, -2d, 03:00, 03:00:15, 2026-11-27T03:00:00Z, 2026-11-27 03:00, 2026-11-27 or Unix seconds";
    private static final Pattern AGO = Pattern.compile("(?:now)?-(.+)");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
    /** Any plain number is Unix seconds (0 too): a clock time needs a colon and a date its dashes. */
    private static final Pattern EPOCH = Pattern.compile("\\d{1,11}(\\.\\d{1,9})?");

    private TimeSpec() {
    }

    public static Instant parse(String text, Clock clock) {
        return parse(text, clock, null);
    }

    /**
     * The end of a window that starts at {@code start}: a clock time is the first one at or after the
     * start (03:29 after 03:20 is today's, even at 03:25), and an end still to come ends at now, so that
     * a window around an incident holds while the incident goes on.
     */
    public static Instant parseEnd(String text, Instant start, Clock clock) {
        Instant end = parse(text, clock, start);
        Instant now = clock.instant();
        return end.isAfter(now) ? now : end;
    }

    /** A clock time is the last one at or before now, or with {@code after} the first one at or after that. */
    private static Instant parse(String text, Clock clock, Instant after) {
        String s = text.trim();
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        if (s.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher ago = AGO.matcher(s);
        try {
            if (ago.matches()) {
                return now.minus(DurationSpec.parse(ago.group(1)));
            }
            if (CLOCK.matcher(s).matches()) {
                LocalTime time = LocalTime.parse(s.length() == 4 || s.length() == 7 ? "0" + s : s);
                if (after != null) {
                    ZonedDateTime sameDay = ZonedDateTime.of(LocalDate.ofInstant(after, zone), time, zone);
                    return sameDay.toInstant().isBefore(after) ? sameDay.plusDays(1).toInstant() : sameDay.toInstant();
                }
                ZonedDateTime today = ZonedDateTime.of(LocalDate.ofInstant(now, zone), time, zone);
                return today.toInstant().isAfter(now) ? today.minusDays(1).toInstant() : today.toInstant();
            }
            if (EPOCH.matcher(s).matches()) {
                double seconds = Double.parseDouble(s);
                return Instant.ofEpochMilli(Math.round(seconds * 1000));
            }
            String iso = s.replace(' ', 'T');
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
            }
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(iso).toInstant();
            }
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("cannot read '" + text + "' as a time; give one of: " + FORMS);
    }
}
