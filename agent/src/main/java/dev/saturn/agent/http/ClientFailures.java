package dev.saturn.agent.http;

import dev.saturn.agent.log.AgentLog;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client failures said in the log without flooding it: the first of a kind at once, then at most one line per
 * kind per period (a minute) with how many more there were. 300 aborted requests are two lines, and the line
 * that matters stays within journald's rate limit. Counts since start are kept for tests and figures.
 */
final class ClientFailures {
    enum Kind {
        ABORTED("client closed the connection before its request was answered"),
        HEAD_TIMEOUT("request head not complete within " + AgentHttpServer.HEAD_MILLIS / 1000 + " s (slow or idle client): closed"),
        STALLED("client took nothing of its answer for " + AgentHttpServer.STALL_MILLIS / 1000 + " s (reads too slowly or not at all): closed"),
        BAD_REQUEST("bad request refused"),
        WRONG_HOST("request for a Host this agent does not serve refused (421)"),
        UNAUTHORIZED("request without the bearer token refused (401)"),
        BUSY("too many slow requests waiting: answered 503"),
        TOO_MANY_CONNECTIONS("too many open connections: a new one closed");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private record Pending(long count, String last) {
    }

    private final AgentLog log;
    private final long periodNanos;
    private final Map<Kind, Long> total = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> lastLine = new EnumMap<>(Kind.class);
    private final Map<Kind, Pending> pending = new EnumMap<>(Kind.class);

    ClientFailures(AgentLog log, long periodMillis) {
        this.log = log;
        this.periodNanos = periodMillis * 1_000_000;
    }

    /** {@code detail}: who and what, e.g. "127.0.0.1 GET /api/v1/history". */
    synchronized void add(Kind kind, String detail, long nowNanos) {
        total.merge(kind, 1L, Long::sum);
        Long last = lastLine.get(kind);
        if (last == null || nowNanos - last >= periodNanos) {
            flush(kind, nowNanos);
            log.event("http: " + kind.description + " (" + detail + "); more of this kind are counted and said at most once a minute");
            lastLine.put(kind, nowNanos);
            return;
        }
        Pending p = pending.get(kind);
        pending.put(kind, new Pending(p == null ? 1 : p.count + 1, detail));
    }

    /** Says the counts whose period has passed; called about every second by the server's I/O thread. */
    synchronized void tick(long nowNanos) {
        for (Kind kind : Kind.values()) {
            Long last = lastLine.get(kind);
            if (last != null && nowNanos - last >= periodNanos && pending.containsKey(kind)) {
                flush(kind, nowNanos);
                lastLine.put(kind, nowNanos);
            }
        }
    }

    /** Counts wait to be said: the server's sweep must come back within a second to say them on time. */
    synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Says every count not yet said (the server is closing). */
    synchronized void flushAll(long nowNanos) {
        for (Kind kind : Kind.values()) {
            flush(kind, nowNanos);
        }
    }

    private void flush(Kind kind, long nowNanos) {
        Pending p = pending.remove(kind);
        if (p == null) {
            return;
        }
        long seconds = Math.max(1, (nowNanos - lastLine.get(kind)) / 1_000_000_000L);
        log.event("http: " + kind.description + ": " + p.count + " more in the last " + seconds + " s (last: " + p.last + ")");
    }

    synchronized long total(Kind kind) {
        return total.getOrDefault(kind, 0L);
    }
}
