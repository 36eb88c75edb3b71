package dev.saturn.agent.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An answer: a whole body in memory, or for a long one (a history window of up to a thousand reports, megabytes
 * of JSON) a {@link BodyWriter} that writes it to the connection part by part, chunked, so the agent never holds it
 * and a slow reader holds no thread between parts.
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers, BodyWriter stream) {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    /**
     * Writes a streamed body one part at a time, each call on a worker thread (not always the same), the next only
     * once the client has read most of what came before; a failure part-way leaves the answer cut off (unclosed
     * JSON, no gzip trailer), which a client sees.
     */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the next part; true while there is more. */
        boolean writePart(OutputStream out) throws IOException;
    }

    public static HttpResponse ok(String contentType, byte[] body) {
        return new HttpResponse(200, contentType, body, Map.of(), null);
    }

    public static HttpResponse streamed(String contentType, BodyWriter writer) {
        return new HttpResponse(200, contentType, new byte[0], Map.of(), writer);
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    /** An error for a program: {"error": "..."}. */
    public static HttpResponse jsonError(int status, String message) {
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return new HttpResponse(status, JSON, ("{\"error\":\"" + escaped + "\"}\n").getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }

    public HttpResponse with(String header, String value) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(header, value);
        return new HttpResponse(status, contentType, body, Map.copyOf(h), stream);
    }
}
