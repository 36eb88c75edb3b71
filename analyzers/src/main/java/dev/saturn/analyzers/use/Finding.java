package dev.saturn.analyzers.use;

/** A flagged resource in plain words, e.g. "disk vda: 70% busy, queue 1.4 deep: saturated". */
public record Finding(Status severity, String resource, String device, String text) {
}
