package dev.saturn.collectors.snapshot;

/** A snapshot directory that cannot serve as one: the message tells the user what to do. */
public final class SnapshotException extends Exception {
    public SnapshotException(String message) {
        super(message);
    }
}
