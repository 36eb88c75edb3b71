package dev.saturn.collectors;

import java.util.function.Function;

/**
 * A value read from the kernel, or the reason it could not be read. Readers never throw and
 * never substitute zero for "unknown": the reason travels to the report.
 */
public record Reading<T>(T value, String reason) {

    public static <T> Reading<T> of(T value) {
        return new Reading<>(value, null);
    }

    public static <T> Reading<T> unavailable(String reason) {
        return new Reading<>(null, reason);
    }

    public boolean isAvailable() {
        return reason == null;
    }

    /** The value, or {@link Unavailable} carrying the reason. */
    public T get() {
        if (reason != null) {
            throw new Unavailable(reason);
        }
        return value;
    }

    public T orElse(T other) {
        return reason == null ? value : other;
    }

    public <R> Reading<R> map(Function<? super T, ? extends R> mapper) {
        if (reason != null) {
            return unavailable(reason);
        }
        try {
            return of(mapper.apply(value));
        } catch (Unavailable e) {
            return unavailable(e.getMessage());
        }
    }
}
