package dev.saturn.agent.http;

import java.util.Collections;
import java.util.Map;

/**
 * A request line and its headers as read off the connection: {@code path} percent-decoded, {@code rawQuery}
 * as sent (null without '?'), header names in lower case (a repeated header's values joined with ", ").
 */
record RequestHead(String method, String target, String path, String rawQuery, boolean http11, Map<String, String> headers) {
    /** Wrapped, not copied: the parser made the map for this head alone, and a scrape should not copy it again. */
    RequestHead {
        headers = Collections.unmodifiableMap(headers);
    }

    /** Stands for a request refused before its head could be read: the answer is a GET's, and closes. */
    static final RequestHead REFUSED = new RequestHead("GET", "", "", null, true, Map.of());

    String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** HTTP/1.1 keeps the connection unless told "close"; HTTP/1.0 closes it unless told "keep-alive". */
    boolean keepAlive() {
        String connection = header("connection");
        return http11 ? !"close".equalsIgnoreCase(connection) : "keep-alive".equalsIgnoreCase(connection);
    }

    /** For log lines: the method and the target, cut short. */
    String summary() {
        return method + " " + (target.length() > 80 ? target.substring(0, 80) + "..." : target);
    }
}
