package dev.saturn.collectors.jfr;

import java.time.Instant;

/**
 * A thread that waited: to enter a monitor (jdk.JavaMonitorEnter; {@code objectClass} is the
 * monitor's class) or parked (jdk.ThreadPark; the blocker's class, null without one). {@code site}
 * is the first frame outside the JDK, the code that asked for the lock.
 */
public record LockWait(Kind kind, Instant start, long durationNs, String objectClass, String thread, String site) {

    public enum Kind {
        MONITOR_ENTER, PARK
    }
}
