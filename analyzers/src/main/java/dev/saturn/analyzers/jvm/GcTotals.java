package dev.saturn.analyzers.jvm;

/** Stop-the-world pauses of one collector (or of all: collector "all"). */
public record GcTotals(String collector, long collections, long totalPauseNs, long maxPauseNs) {

    GcTotals plus(long sumOfPausesNs, long longestPauseNs) {
        return new GcTotals(collector, collections + 1, totalPauseNs + sumOfPausesNs, Math.max(maxPauseNs, longestPauseNs));
    }
}
