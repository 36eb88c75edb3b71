package dev.saturn.agent.history;

/** The history database cannot be opened, read or written; the message says what to do. */
public final class HistoryException extends Exception {
    private final boolean diskFull;

    public HistoryException(String message, Throwable cause, boolean diskFull) {
        super(message, cause);
        this.diskFull = diskFull;
    }

    public HistoryException(String message) {
        this(message, null, false);
    }

    public boolean diskFull() {
        return diskFull;
    }
}
