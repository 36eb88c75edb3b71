package dev.saturn.analyzers.use;

/** One of U, S, E for a resource: what the value is, the value, its unit and its verdict. */
public record Cell(String metric, Double value, String unit, Status status, String reason) {

    public static Cell unavailable(String metric, String unit, String reason) {
        return new Cell(metric, null, unit, Status.UNAVAILABLE, reason);
    }

    /** A cell the USE method does not define for this resource (the "—" of the checklist). */
    public static Cell notDefined(String why) {
        return new Cell("none", null, null, Status.UNAVAILABLE, why);
    }
}
