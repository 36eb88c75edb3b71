package dev.saturn.agent.history;

import java.time.Duration;

/** How much history to keep: samples older than {@code maxAge} go, and the oldest go while the database is over {@code maxBytes}. */
public record Retention(Duration maxAge, long maxBytes) {
    public static final Retention DEFAULT = new Retention(Duration.ofDays(7), 1L << 30);
}
