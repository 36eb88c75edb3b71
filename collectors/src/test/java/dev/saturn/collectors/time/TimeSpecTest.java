package dev.saturn.collectors.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeSpecTest {
    static final Clock AT_1030_PARIS = Clock.fixed(Instant.parse("2026-11-27T09:30:00Z"), ZoneId.of("Europe/Paris"));

    static Instant parse(String s) {
        return TimeSpec.parse(s, AT_1030_PARIS);
    }

    @Test
    void readsTheFormsAPersonTypes() {
        assertEquals(Instant.parse("2026-11-27T09:30:00Z"), parse("now"));
        assertEquals(Instant.parse("2026-11-27T08:30:00Z"), parse("-1h"));
        assertEquals(Instant.parse("2026-11-27T09:15:00Z"), parse("-15m"));
        assertEquals(Instant.parse("2026-11-27T08:00:00Z"), parse("-1h30m"));
        assertEquals(Instant.parse("2026-11-13T09:30:00Z"), parse("-2w"));
        assertEquals(Instant.parse("2026-11-25T09:30:00Z"), parse("-2d"));
        assertEquals(Instant.parse("2026-11-27T09:29:30Z"), parse("now-30s"));
        assertEquals(Instant.parse("2026-11-27T02:00:00Z"), parse("03:00"), "03:00 Paris time today");
        assertEquals(Instant.parse("2026-11-27T02:00:15Z"), parse("3:00:15"));
        assertEquals(Instant.parse("2026-11-26T22:00:00Z"), parse("23:00"), "23:00 is still to come today: yesterday's");
        assertEquals(Instant.parse("2026-11-27T03:00:00Z"), parse("2026-11-27T03:00:00Z"));
        assertEquals(Instant.parse("2026-11-27T01:00:00Z"), parse("2026-11-27T03:00:00+02:00"));
        assertEquals(Instant.parse("2026-11-27T02:00:00Z"), parse("2026-11-27 03:00"), "no zone: local time");
        assertEquals(Instant.parse("2026-11-26T23:00:00Z"), parse("2026-11-27"));
        assertEquals(Instant.parse("2026-11-27T09:00:00Z"), parse("1795770000"));
        assertEquals(Instant.EPOCH, parse("0"), "0 is Unix seconds too (at=0)");
        assertEquals(Instant.parse("1970-01-01T00:01:30.500Z"), parse("90.5"));
    }

    @Test
    void aWindowsEndStillToComeEndsAtNowNotYesterday() {
        Clock at0325 = Clock.fixed(Instant.parse("2026-11-27T02:25:00Z"), ZoneId.of("Europe/Paris"));
        Instant from = TimeSpec.parse("03:20", at0325);
        assertEquals(Instant.parse("2026-11-27T02:20:00Z"), from);
        assertEquals(Instant.parse("2026-11-27T02:25:00Z"), TimeSpec.parseEnd("03:29", from, at0325), "the incident's window, during it");
        assertEquals(Instant.parse("2026-11-27T02:23:00Z"), TimeSpec.parseEnd("03:23", from, at0325));
        Instant lastNight = TimeSpec.parse("23:00", at0325);
        assertEquals(Instant.parse("2026-11-26T22:00:00Z"), lastNight);
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), TimeSpec.parseEnd("01:00", lastNight, at0325), "across midnight");
        Instant yesterday0330 = TimeSpec.parse("03:30", at0325);
        assertEquals(Instant.parse("2026-11-26T02:40:00Z"), TimeSpec.parseEnd("03:40", yesterday0330, at0325), "last night's 03:30 to 03:40");
        assertEquals(Instant.parse("2026-11-27T02:25:00Z"), TimeSpec.parseEnd("2099-01-01", from, at0325));
        assertEquals(Instant.parse("2026-11-27T02:25:00Z"), TimeSpec.parseEnd("now", from, at0325));
        assertEquals(Instant.parse("2026-11-27T01:25:00Z"), TimeSpec.parseEnd("-1h", from, at0325), "an end before the start stays so");
    }

    @Test
    void rejectsWhatItCannotReadWithTheFormsItCan() {
        for (String bad : new String[] {"yesterday", "25:00", "-1y", "2026-13-01", "", "3pm"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad);
            assertTrue(e.getMessage().contains("give one of: now, -90s"), e.getMessage());
        }
    }
}
