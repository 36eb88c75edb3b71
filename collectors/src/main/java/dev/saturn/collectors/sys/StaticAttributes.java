package dev.saturn.collectors.sys;

import dev.saturn.collectors.HostPaths;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A device's sysfs attributes that do not change while it exists (a disk's queue/rotational, an
 * interface's type, a link's speed while its state holds), read again at most once a minute on a live
 * host instead of every sample: rereading them was a third of an agent's snapshot. A device that appears
 * is read at once (new key), one that vanishes is dropped; a snapshot tree is always read afresh.
 */
final class StaticAttributes<T> {
    static final long REFRESH_NANOS = 60_000_000_000L;
    private record Entry<T>(T value, Object validFor, long readAt) {
    }

    private final Map<Path, Entry<T>> entries = new ConcurrentHashMap<>();

    /**
     * The attributes of {@code dir}, read by {@code load} when absent, older than a minute, or read while
     * {@code state} (e.g. the link's operstate) was different.
     */
    T get(HostPaths paths, Path dir, Object state, Function<Path, T> load) {
        if (!paths.live()) {
            return load.apply(dir);
        }
        long now = System.nanoTime();
        Entry<T> e = entries.get(dir);
        if (e == null || now - e.readAt() > REFRESH_NANOS || !e.validFor().equals(state)) {
            e = new Entry<>(load.apply(dir), state, now);
            entries.put(dir, e);
            if (entries.size() > 4096) {
                entries.values().removeIf(old -> now - old.readAt() > REFRESH_NANOS);
            }
        }
        return e.value();
    }

    /** Forgets devices that no longer exist (so a device that comes back under the same name is read anew). */
    void retainOnly(java.util.Collection<Path> present) {
        entries.keySet().retainAll(present);
    }
}
