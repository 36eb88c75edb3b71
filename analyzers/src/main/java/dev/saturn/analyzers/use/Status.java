package dev.saturn.analyzers.use;

/** A cell's verdict, ordered from harmless to worst; unavailable sorts apart from the rest. */
public enum Status {
    OK, WARN, CRIT, UNAVAILABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean flagged() {
        return this == WARN || this == CRIT;
    }

    public static Status worst(Status a, Status b) {
        int ra = a == UNAVAILABLE ? -1 : a.ordinal();
        int rb = b == UNAVAILABLE ? -1 : b.ordinal();
        return ra >= rb ? a : b;
    }
}
