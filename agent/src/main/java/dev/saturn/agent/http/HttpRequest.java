package dev.saturn.agent.http;

import java.util.Collections;
import java.util.Map;

/** What a route sees of a request: the path and the decoded query, already checked for size. */
public record HttpRequest(String path, Map<String, String> query, String acceptEncoding) {
    /** Wrapped, not copied: the query was parsed for this request alone. */
    public HttpRequest {
        query = Collections.unmodifiableMap(query);
    }

    public String param(String name) {
        return query.get(name);
    }
}
