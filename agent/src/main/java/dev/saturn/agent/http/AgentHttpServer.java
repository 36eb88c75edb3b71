package dev.saturn.agent.http;

import dev.saturn.agent.http.ClientFailures.Kind;
import dev.saturn.agent.log.AgentLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's HTTP/1.1 server, on NIO so that no client can hold up a scrape. One I/O thread accepts, reads
 * request heads (5 s for a whole head, 16 KB and 64 headers at most, a strict request line), answers the cheap
 * routes (/metrics, /api/v1/use: a byte array made once per sample) itself and writes every answer without
 * blocking; the slow routes (history, profiles, the dashboard) run on a small worker pool with a bounded queue.
 * A slow reader only fills its own connection's buffer; an idle, slow or stalled client is closed.
 * Routes are read-only at exact paths (no request path ever names a file): GET and HEAD only, no request bodies.
 * Every refusal is a JSON error, {"error": "..."}; client failures are logged at most once a minute per kind.
 */
public final class AgentHttpServer implements AutoCloseable {
    static final int MAX_URI = RequestHeadParser.MAX_URI;
    static final int MAX_HEAD = 16 * 1024;
    static final long HEAD_MILLIS = 5000;
    static final long IDLE_MILLIS = 60_000;
    static final long STALL_MILLIS = 10_000;
    static final int MAX_CONNECTIONS = 512;
    static final int GZIP_ABOVE = 512;
    private static final int WORKERS = 2;
    private static final int QUEUE = 32;
    static final int CHUNK = 32 * 1024;
    /** How often deadlines are checked at most: a head deadline of 5 s is kept to within a second. */
    private static final long SWEEP_MILLIS = 1000;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread ioThread;
    private final ThreadPoolExecutor workers;
    private final BearerToken token;
    private final HostCheck hosts;
    private final AgentLog log;
    private final ClientFailures failures;
    private final GzipCache gzips = new GzipCache();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Route> prefixRoutes = new ConcurrentHashMap<>();
    private final Set<String> fast = ConcurrentHashMap.newKeySet();
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Set<String> guarded = ConcurrentHashMap.newKeySet();
    private final Set<Connection> connections = new HashSet<>();
    private final ConcurrentLinkedQueue<Connection> ready = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private long lastSweep;

    /** No token and the listen address's own Host names: for tests of the routes. */
    public AgentHttpServer(InetSocketAddress listen, BearerToken token, AgentLog log) throws IOException {
        this(listen, token, HostCheck.forListen(listen.getAddress(), List.of()), log);
    }

    /**
     * {@code token} null: no authentication at all; else required on every route but open ones when
     * {@link BearerToken#everywhere}, on the guarded routes only otherwise.
     */
    public AgentHttpServer(InetSocketAddress listen, BearerToken token, HostCheck hosts, AgentLog log) throws IOException {
        this.token = token;
        this.hosts = hosts;
        this.log = log;
        this.failures = new ClientFailures(log, Long.getLong("saturn.agent.http.failure-log-millis", 60_000));
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        try {
            server.bind(listen, 128);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            server.close();
            selector.close();
            throw e;
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "saturn-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ioThread = new Thread(this::loop, "saturn-http-io");
        ioThread.setDaemon(true);
    }

    /** A route answered by the worker pool (it may read files or the history). */
    public AgentHttpServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /**
     * A route answered on the I/O thread itself: it must return at once without blocking (a byte array made
     * beforehand), as /metrics does, so that no slow request ever delays it.
     */
    public AgentHttpServer fastRoute(String path, Route route) {
        fast.add(path);
        return route(path, route);
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

    /** A route served without the token: only for pages that hold no data themselves (the dashboard's HTML). */
    public AgentHttpServer openRoute(String path, Route route) {
        open.add(path);
        return route(path, route);
    }

    /** {@code path} and every path under it need the token even when it is not required everywhere (profiles). */
    public AgentHttpServer guard(String path) {
        guarded.add(path);
        return this;
    }

    public void start() {
        ioThread.start();
    }

    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the server socket is closed", e);
        }
    }

    public BearerToken token() {
        return token;
    }

    public HostCheck hosts() {
        return hosts;
    }

    /** Client failures of this kind since start (tests, figures). */
    long failures(Kind kind) {
        return failures.total(kind);
    }

    private Route routeFor(String path) {
        Route exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Route> e : prefixRoutes.entrySet()) {
            if (path.startsWith(e.getKey()) && path.length() > e.getKey().length()) {
                return e.getValue();
            }
        }
        return null;
    }

    private boolean needsToken(String path) {
        if (token == null) {
            return false;
        }
        if (token.everywhere()) {
            return !open.contains(path);
        }
        for (String g : guarded) {
            if (path.equals(g) || path.startsWith(g + "/")) {
                return true;
            }
        }
        return false;
    }

    // ---- the I/O thread

    private void loop() {
        while (running) {
            try {
                selector.select(selectMillis(System.nanoTime()));
            } catch (IOException e) {
                log.event("http: the selector failed, the server stops: " + e);
                return;
            }
            if (!running) {
                break;
            }
            long now = System.nanoTime();
            for (Connection c; (c = ready.poll()) != null; ) {
                if (c.key.isValid()) {
                    write(c, now);
                }
            }
            Set<SelectionKey> keys = selector.selectedKeys();
            for (SelectionKey key : keys) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept(now);
                    continue;
                }
                Connection c = (Connection) key.attachment();
                if (key.isReadable()) {
                    read(c, now);
                }
                if (key.isValid() && key.isWritable()) {
                    write(c, now);
                }
            }
            keys.clear();
            if ((now - lastSweep) / 1_000_000 >= SWEEP_MILLIS) {
                lastSweep = now;
                sweep(now);
            }
        }
        for (Connection c : new ArrayList<>(connections)) {
            close(c);
        }
    }

    private void accept(long now) {
        for (int i = 0; i < 64; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
                if (channel == null) {
                    return;
                }
            } catch (IOException e) {
                return; // out of descriptors or the client gone already: the next select tries again
            }
            String peer = peer(channel);
            try {
                if (connections.size() >= MAX_CONNECTIONS) {
                    failures.add(Kind.TOO_MANY_CONNECTIONS, peer, now);
                    channel.close();
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                Connection c = new Connection(channel, key, peer, ioThread, this::wake);
                key.attach(c);
                c.deadlineNanos = now + HEAD_MILLIS * 1_000_000;
                connections.add(c);
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    private void read(Connection c, long now) {
        int n;
        try {
            if (c.inLength == c.in.length) {
                c.in = java.util.Arrays.copyOf(c.in, Math.min(MAX_HEAD, c.in.length * 2));
            }
            n = c.channel.read(ByteBuffer.wrap(c.in, c.inLength, c.in.length - c.inLength));
        } catch (IOException e) {
            failures.add(Kind.ABORTED, c.detail(), now);
            close(c);
            return;
        }
        if (n < 0) {
            if (c.inLength > 0 || c.responding) {
                failures.add(Kind.ABORTED, c.detail(), now);
            }
            close(c);
            return;
        }
        if (n > 0 && !c.headStarted) {
            c.headStarted = true;
            c.deadlineNanos = now + HEAD_MILLIS * 1_000_000;
        }
        c.inLength += n;
        nextRequest(c, now);
    }

    /** Takes the next request head out of what was read, if it is whole. */
    private void nextRequest(Connection c, long now) {
        if (c.responding || c.inLength == 0) {
            return;
        }
        int headLength = headEnd(c.in, c.inLength, Math.max(0, c.scanned - 3));
        if (headLength < 0) {
            c.scanned = c.inLength;
            if (c.inLength >= MAX_HEAD) {
                boolean requestLineEnded = indexOf(c.in, c.inLength, (byte) '\n') >= 0;
                refuse(c, requestLineEnded ? new HttpProblem(431, "request headers longer than " + MAX_HEAD + " bytes")
                        : new HttpProblem(414, "request URI longer than " + MAX_URI + " characters"), now);
            }
            return;
        }
        RequestHead head;
        try {
            head = RequestHeadParser.parse(c.in, headLength);
        } catch (HttpProblem p) {
            refuse(c, p, now);
            return;
        }
        System.arraycopy(c.in, headLength, c.in, 0, c.inLength - headLength);
        c.inLength -= headLength;
        c.scanned = 0;
        c.request = head;
        c.responding = true;
        c.begin(now);
        c.key.interestOps(0);
        dispatch(c, head, now);
    }

    private void dispatch(Connection c, RequestHead head, long now) {
        Route route;
        HttpRequest request;
        try {
            if (!hosts.allows(head.header("host"))) {
                failures.add(Kind.WRONG_HOST, c.detail() + " Host: " + head.header("host"), now);
                throw new HttpProblem(421, "this agent does not serve Host " + head.header("host")
                        + ": it answers to " + String.join(", ", hosts.names()) + " (add a name with --allowed-host)");
            }
            if (head.http11() && head.header("host") == null) {
                throw new HttpProblem(400, "an HTTP/1.1 request without a Host header");
            }
            if (needsToken(head.path()) && !token.matches(head.header("authorization"))) {
                failures.add(Kind.UNAUTHORIZED, c.detail(), now);
                String unwritten = token.unwritten();
                reply(c, head, HttpResponse.jsonError(401, token.everywhere()
                                ? "this agent wants a bearer token: Authorization: Bearer <the token in --auth-token-file>"
                                : unwritten != null
                                ? "profiles need the agent's bearer token, which is in no file yet (" + unwritten + "): free space there"
                                : "profiles need the agent's bearer token: Authorization: Bearer <the token in " + token.file() + ">")
                        .with("WWW-Authenticate", "Bearer realm=\"saturn\""), now);
                return;
            }
            route = routeFor(head.path());
            if (route == null) {
                reply(c, head, HttpResponse.jsonError(404, "no such endpoint: try /, /metrics, /api/v1/use, /api/v1/history"), now);
                return;
            }
            if (!head.method().equals("GET") && !head.method().equals("HEAD")) {
                reply(c, head, HttpResponse.jsonError(405, "read-only endpoint: GET or HEAD").with("Allow", "GET, HEAD"), now);
                return;
            }
            String length = head.header("content-length");
            if (head.header("transfer-encoding") != null || (length != null && !length.equals("0"))) {
                throw new HttpProblem(413, "request bodies are not accepted");
            }
            request = new HttpRequest(head.path(), QueryString.parse(head.rawQuery()), head.header("accept-encoding"));
        } catch (HttpProblem p) {
            refuse(c, p, now);
            return;
        } catch (IOException e) {
            close(c);
            return;
        }
        if (fast.contains(head.path())) {
            answer(c, head, route, request);
            write(c, now);
            return;
        }
        try {
            if (workers.getQueue().size() >= QUEUE) {
                throw new RejectedExecutionException();
            }
            workers.execute(() -> {
                answer(c, head, route, request);
                wake(c);
            });
        } catch (RejectedExecutionException e) {
            failures.add(Kind.BUSY, c.detail(), now);
            try {
                reply(c, head, HttpResponse.jsonError(503, "busy: " + QUEUE + " slow requests wait already; retry in a second")
                        .with("Retry-After", "1"), now);
            } catch (IOException gone) {
                close(c);
            }
        }
    }

    /** An answer made on the I/O thread; with a request body the connection closes after it (its bytes are not a next request). */
    private void reply(Connection c, RequestHead head, HttpResponse response, long now) throws IOException {
        String length = head.header("content-length");
        boolean body = head.header("transfer-encoding") != null || (length != null && !length.equals("0"));
        respond(c, head, response, body);
        write(c, now);
    }

    /** A request refused before any route: its JSON error, and the connection closes after it. */
    private void refuse(Connection c, HttpProblem p, long now) {
        if (p.status != 421) {
            failures.add(Kind.BAD_REQUEST, c.peer + " " + p.status + " " + p.getMessage(), now);
        }
        c.responding = true;
        c.begin(now);
        c.key.interestOps(0);
        try {
            respond(c, RequestHead.REFUSED, p.response(), true);
        } catch (IOException e) {
            close(c);
            return;
        }
        write(c, now);
    }

    private void write(Connection c, long now) {
        Connection.Flushed flushed;
        try {
            flushed = c.flush(now);
        } catch (IOException e) {
            failures.add(Kind.ABORTED, c.detail(), now);
            close(c);
            return;
        }
        switch (flushed) {
            case ABORTED -> close(c);
            case PENDING -> c.key.interestOps(c.hasQueued() ? SelectionKey.OP_WRITE : 0);
            case DONE -> {
                if (c.closeAfter()) {
                    close(c);
                    return;
                }
                c.responding = false;
                c.request = null;
                c.answered++;
                c.headStarted = c.inLength > 0;
                c.deadlineNanos = now + (c.headStarted ? HEAD_MILLIS : IDLE_MILLIS) * 1_000_000;
                c.key.interestOps(SelectionKey.OP_READ);
                nextRequest(c, now);
            }
        }
    }

    /**
     * How long the selector may wait with nothing to do: until the nearest deadline, and at most a second while
     * an answer is being written (a stalled reader) or client failures wait to be said. A Prometheus server's
     * kept-alive connection alone wakes the thread only for its scrapes: each wake-up costs CPU of its own.
     */
    private long selectMillis(long now) {
        if (failures.hasPending()) {
            return SWEEP_MILLIS;
        }
        long nearest = now + IDLE_MILLIS * 1_000_000;
        for (Connection c : connections) {
            if (c.responding) {
                return SWEEP_MILLIS;
            }
            nearest = Math.min(nearest, c.deadlineNanos);
        }
        // never before the next sweep may run: a deadline just passed waits for it rather than spinning
        long until = Math.max(nearest, lastSweep + SWEEP_MILLIS * 1_000_000);
        return Math.max(1, Math.min(IDLE_MILLIS, (until - now) / 1_000_000 + 1));
    }

    /** Closes what outlived its time: a head not whole in 5 s, a keep-alive connection idle for a minute, a stalled reader. */
    private void sweep(long now) {
        failures.tick(now);
        for (Connection c : new ArrayList<>(connections)) {
            if (!c.responding && now - c.deadlineNanos > 0) {
                if (c.headStarted || c.answered == 0) {
                    failures.add(Kind.HEAD_TIMEOUT, c.peer, now);
                    c.begin(now);
                    try {
                        respond(c, RequestHead.REFUSED,
                                HttpResponse.jsonError(408, "request head not complete within " + HEAD_MILLIS / 1000 + " s"), true);
                        c.flush(now);
                    } catch (IOException e) {
                        // closed below either way
                    }
                }
                close(c);
            } else if (c.stalled(now)) {
                failures.add(Kind.STALLED, c.detail(), now);
                close(c);
            }
        }
    }

    private void close(Connection c) {
        connections.remove(c);
        c.closed();
        c.key.cancel();
        closeQuietly(c.channel);
    }

    private void wake(Connection c) {
        ready.add(c);
        selector.wakeup();
    }

    // ---- answers (the I/O thread or a worker)

    private void answer(Connection c, RequestHead head, Route route, HttpRequest request) {
        HttpResponse response;
        try {
            response = route.handle(request);
        } catch (Exception e) {
            log.event("http: " + head.path() + " failed: " + e);
            response = HttpResponse.jsonError(500, "internal error: " + e.getClass().getSimpleName());
        }
        try {
            respond(c, head, response, false);
        } catch (Connection.Closed e) {
            c.abort(); // counted where it was closed
        } catch (IOException e) {
            failures.add(Kind.ABORTED, c.detail(), System.nanoTime());
            c.abort();
        } catch (RuntimeException e) {
            log.event("http: " + head.path() + " failed part-way, the answer ends unfinished: " + e);
            c.abort();
        }
    }

    private void respond(Connection c, RequestHead head, HttpResponse r, boolean close) throws IOException {
        boolean keepAlive = !close && head.keepAlive();
        boolean headOnly = head.method().equals("HEAD");
        String accept = head.header("accept-encoding");
        boolean gzip = accept != null && accept.contains("gzip");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", r.contentType());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cache-Control", "no-store");
        headers.putAll(r.headers());
        if (r.stream() != null) {
            boolean chunked = head.http11();
            if (gzip) {
                headers.put("Content-Encoding", "gzip");
                headers.put("Vary", "Accept-Encoding");
            }
            if (chunked) {
                headers.put("Transfer-Encoding", "chunked");
            } else {
                keepAlive = false; // HTTP/1.0: the end of the answer is the end of the connection
            }
            c.send(head(r.status(), headers, keepAlive));
            if (headOnly) {
                c.end(!keepAlive);
                return;
            }
            ChunkSink sink = new ChunkSink(c, chunked);
            stream(new Streaming(c, head, r.stream(), sink, gzip ? new GZIPOutputStream(sink, CHUNK) : sink, keepAlive));
            return;
        }
        byte[] body = r.body();
        if (body.length > GZIP_ABOVE && gzip) {
            body = gzips.gzip(body);
            headers.put("Content-Encoding", "gzip");
            headers.put("Vary", "Accept-Encoding");
        }
        headers.put("Content-Length", Integer.toString(body.length));
        c.send(head(r.status(), headers, keepAlive));
        if (!headOnly && body.length > 0) {
            c.send(ByteBuffer.wrap(body));
        }
        c.end(!keepAlive);
    }

    private static ByteBuffer head(int status, Map<String, String> headers, boolean keepAlive) {
        StringBuilder b = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append(keepAlive ? "" : "Connection: close\r\n").append("\r\n");
        return ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    /** A streamed answer under way: its connection, its body's next parts and the stream they go through. */
    private record Streaming(Connection c, RequestHead head, HttpResponse.BodyWriter body, ChunkSink sink, OutputStream out,
                             boolean keepAlive) {
    }

    /** Writes parts of a streamed answer until it ends or its client lags; then it is parked, holding no thread. */
    private void stream(Streaming s) throws IOException {
        while (true) {
            boolean more;
            try {
                more = s.body.writePart(s.out);
            } catch (IOException | RuntimeException e) {
                if (s.sink.failed) {
                    throw e;
                }
                log.event("http: " + s.head.path() + " failed part-way, the answer ends unfinished: " + e);
                s.c.abort();
                wake(s.c);
                return;
            }
            if (!more) {
                s.out.close();
                s.c.end(!s.keepAlive);
                wake(s.c);
                return;
            }
            if (s.c.parkWhileFull(() -> resume(s))) {
                return;
            }
        }
    }

    /** A parked answer's client has caught up: its next parts, on a worker (the queue of new requests is not its limit). */
    private void resume(Streaming s) {
        workers.execute(() -> {
            try {
                stream(s);
            } catch (Connection.Closed e) {
                s.c.abort();
            } catch (IOException e) {
                failures.add(Kind.ABORTED, s.c.detail(), System.nanoTime());
                s.c.abort();
            }
            wake(s.c);
        });
    }

    /**
     * The length of the head up to its blank line, or -1 while it has none: CRLF CRLF, or a blank line ended by a
     * bare LF, which the parser then refuses at once rather than waiting out the deadline.
     */
    private static int headEnd(byte[] in, int length, int from) {
        for (int i = from; i < length; i++) {
            if (in[i] != '\n') {
                continue;
            }
            if (i >= 1 && in[i - 1] == '\n') {
                return i + 1;
            }
            if (i >= 3 && in[i - 1] == '\r' && in[i - 2] == '\n' && in[i - 3] == '\r') {
                return i + 1;
            }
            if (i >= 2 && in[i - 1] == '\r' && in[i - 2] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] in, int length, byte b) {
        for (int i = 0; i < length; i++) {
            if (in[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String peer(SocketChannel channel) {
        try {
            return ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            ioThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        closeQuietly(server);
        closeQuietly(selector);
        failures.flushAll(System.nanoTime());
    }
}
