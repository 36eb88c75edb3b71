package dev.saturn.collectors.jfr;

/** A file that cannot be read as a JFR recording; the message is one line that says what to do. */
public final class RecordingException extends Exception {
    public RecordingException(String message) {
        super(message, null, false, false);
    }
}
