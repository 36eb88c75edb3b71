package dev.saturn.agent.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request's query, decoded strictly: at most {@link #MAX_PARAMS} parameters, each given once. */
final class QueryString {
    static final int MAX_PARAMS = 16;

    private QueryString() {
    }

    static Map<String, String> parse(String raw) throws HttpProblem {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        String[] pairs = raw.split("&");
        if (pairs.length > MAX_PARAMS) {
            throw new HttpProblem(400, "more than " + MAX_PARAMS + " query parameters");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PercentDecoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1), true);
            if (out.put(name, value) != null) {
                throw new HttpProblem(400, "query parameter '" + name + "' given twice");
            }
        }
        return out;
    }
}
