package dev.saturn.agent.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A whole response body in memory: every endpoint's answer is bounded, so none streams. */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public static HttpResponse ok(String contentType, byte[] body) {
        return new HttpResponse(200, contentType, body, Map.of());
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** An error for a program: {"error": "..."}. */
    public static HttpResponse jsonError(int status, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return new HttpResponse(status, JSON, ("{\"error\":\"" + escaped + "\"}\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public HttpResponse with(String header, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(header, value);
        return new HttpResponse(status, contentType, body, Map.copyOf(h));
    }
}
