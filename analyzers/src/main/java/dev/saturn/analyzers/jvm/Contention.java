package dev.saturn.analyzers.jvm;

/**
 * Waits on one class of lock object: monitor enters on a monitor of that class, or parks with a
 * blocker of that class. {@code topSite} is the code that waited longest in all, {@code threads}
 * how many distinct threads waited.
 */
public record Contention(String objectClass, long waits, long totalNs, long maxNs, int threads, String topSite) {
}
