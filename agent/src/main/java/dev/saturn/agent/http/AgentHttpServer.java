package dev.saturn.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.saturn.agent.AgentLog;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's HTTP server: read-only routes at exact paths (no request path ever names a file),
 * GET and HEAD only (405 otherwise), no request bodies, bounded URIs and queries, an optional
 * bearer token, gzip when the client asks (once for a body answered again as the same array). Routes are
 * registered with {@link #route} before {@link #start}.
 */
public final class AgentHttpServer implements AutoCloseable {
    static final int MAX_URI = 2048;
    static final int MAX_PARAMS = 16;
    static final int GZIP_ABOVE = 512;
    private static final int THREADS = 2;
    private static final int WRITE_CHUNK = 64 * 1024;
    private static final int KEEP_GZIP_BELOW = 256 * 1024;

    static {
        // The JDK server's own limits: headers per request and their bytes, seconds to read a request / write a response.
        System.setProperty("sun.net.httpserver.maxReqHeaders", System.getProperty("sun.net.httpserver.maxReqHeaders", "64"));
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", System.getProperty("sun.net.httpserver.maxReqHeaderSize", "16384"));
        System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
        System.setProperty("sun.net.httpserver.maxRspTime", System.getProperty("sun.net.httpserver.maxRspTime", "30"));
        // The JDK server's timer enforcing those two wakes every timerMillis (1000 by default): every 5 s, a request
        // that outlives its limit is closed within 5 s of it, and the agent's process wakes a fifth as often.
        System.setProperty("sun.net.httpserver.timerMillis", System.getProperty("sun.net.httpserver.timerMillis", "5000"));
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;
    private final AgentLog log;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Route> prefixRoutes = new ConcurrentHashMap<>();

    /** {@code bearerToken} null: no authentication (loopback, or --insecure). */
    public AgentHttpServer(InetSocketAddress listen, String bearerToken, AgentLog log) throws IOException {
        this.server = HttpServer.create(listen, 64);
        this.token = bearerToken == null ? null : bearerToken.getBytes(StandardCharsets.UTF_8);
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "saturn-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    public AgentHttpServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /**
     * A route for every path under {@code prefix} (ending in '/'): the route gets the rest of the path and must
     * look it up among names it made itself, never use it as a file name.
     */
    public AgentHttpServer prefixRoute(String prefix, Route route) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a prefix route ends with '/': " + prefix);
        }
        prefixRoutes.put(prefix, route);
        return this;
    }

    private Route routeFor(String path) {
        Route exact = routes.get(path);
        if (exact != null || path == null) {
            return exact;
        }
        for (Map.Entry<String, Route> e : prefixRoutes.entrySet()) {
            if (path.startsWith(e.getKey()) && path.length() > e.getKey().length()) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A route served without the token: only for pages that hold no data themselves (the dashboard's HTML). */
    public AgentHttpServer openRoute(String path, Route route) {
        open.add(path);
        return route(path, route);
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            HttpResponse response;
            try {
                response = respond(ex);
            } catch (Exception e) {
                log.event("http: " + ex.getRequestURI().getRawPath() + " failed: " + e);
                response = HttpResponse.text(500, "internal error: " + e.getClass().getSimpleName());
            }
            send(ex, response);
        }
    }

    private HttpResponse respond(HttpExchange ex) throws Exception {
        String rawUri = ex.getRequestURI().toString();
        if (rawUri.length() > MAX_URI) {
            return HttpResponse.text(414, "request URI longer than " + MAX_URI + " characters");
        }
        if (token != null && !open.contains(ex.getRequestURI().getPath()) && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
            return HttpResponse.text(401, "this agent wants a bearer token: Authorization: Bearer <token from --auth-token-file>")
                    .with("WWW-Authenticate", "Bearer realm=\"saturn\"");
        }
        String path = ex.getRequestURI().getPath();
        Route route = routeFor(path);
        if (route == null) {
            return HttpResponse.text(404, "no such endpoint: try / , /metrics, /api/v1/use, /api/v1/history");
        }
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return HttpResponse.text(405, "read-only endpoint: GET or HEAD").with("Allow", "GET, HEAD");
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (ex.getRequestHeaders().containsKey("Transfer-Encoding") || (length != null && !length.equals("0"))) {
            return HttpResponse.text(413, "request bodies are not accepted");
        }
        Map<String, String> query;
        try {
            query = query(ex.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return HttpResponse.jsonError(400, e.getMessage());
        }
        return route.handle(new HttpRequest(path, query, ex.getRequestHeaders().getFirst("Accept-Encoding")));
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        String[] pairs = raw.split("&");
        if (pairs.length > MAX_PARAMS) {
            throw new IllegalArgumentException("more than " + MAX_PARAMS + " query parameters");
        }
        for (String pair : pairs) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("query parameter '" + name + "' given twice");
            }
        }
        return out;
    }

    /**
     * The last body gzipped and its gzip: /metrics answers the same array until the next sample. Only small
     * bodies are kept: a history answer of megabytes is not held in the heap until the next request.
     */
    private record Gzipped(byte[] body, byte[] gzip) {
    }

    private volatile Gzipped lastGzipped = new Gzipped(new byte[0], new byte[0]);

    private byte[] gzipOnce(byte[] body) throws IOException {
        if (body.length > KEEP_GZIP_BELOW) {
            return gzip(body);
        }
        Gzipped last = lastGzipped;
        if (last.body != body) {
            lastGzipped = last = new Gzipped(body, gzip(body));
        }
        return last.gzip;
    }

    private void send(HttpExchange ex, HttpResponse r) throws IOException {
        byte[] body = r.body();
        var headers = ex.getResponseHeaders();
        headers.set("Content-Type", r.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Cache-Control", "no-store");
        r.headers().forEach(headers::set);
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        if (r.stream() != null) {
            sendStreamed(ex, r, gzip);
            return;
        }
        if (body.length > GZIP_ABOVE && gzip) {
            body = gzipOnce(body);
            headers.set("Content-Encoding", "gzip");
            headers.set("Vary", "Accept-Encoding");
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            // In pieces: the JDK server copies each write into a buffer of its size, and a history answer is megabytes.
            for (int off = 0; off < body.length; off += WRITE_CHUNK) {
                out.write(body, off, Math.min(WRITE_CHUNK, body.length - off));
            }
        }
    }

    /** Chunked (length 0 to the JDK server), through a buffer or gzip: the answer is never whole in memory. */
    private void sendStreamed(HttpExchange ex, HttpResponse r, boolean gzip) throws IOException {
        if (gzip) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.getResponseHeaders().set("Vary", "Accept-Encoding");
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), 0);
        OutputStream raw = ex.getResponseBody();
        OutputStream out = gzip ? new GZIPOutputStream(raw, WRITE_CHUNK) : new BufferedOutputStream(raw, WRITE_CHUNK);
        try {
            r.stream().writeTo(out);
        } catch (IOException | RuntimeException e) {
            log.event("http: " + ex.getRequestURI().getRawPath() + " failed part-way, the answer ends unfinished: " + e);
            throw e;
        }
        out.close();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(body.length / 4 + 64);
        // The fastest level: /metrics (~45 kB with node_exporter's families) is gzipped once a sample; level 1
        // costs a sixth of the default level's CPU for a page 17 % larger (7.5 kB against 6.4).
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        }
        return buffer.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
