package dev.saturn.analyzers.use;

/** A status and, when it is not plain ok, why. */
public record Verdict(Status status, String reason) {
    public static final Verdict OK = new Verdict(Status.OK, null);

    public static Verdict warn(String reason) {
        return new Verdict(Status.WARN, reason);
    }

    public static Verdict crit(String reason) {
        return new Verdict(Status.CRIT, reason);
    }
}
