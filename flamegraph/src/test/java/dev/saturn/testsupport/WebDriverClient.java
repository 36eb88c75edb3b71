package dev.saturn.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A minimal W3C WebDriver client over the JDK's HttpClient, for the browser tests (flamegraph's BrowserTest, the
 * agent's DashboardBrowserTest, which gets it through this module's test-jar): starts chromedriver on a free
 * loopback port, opens one headless Chromium session, and speaks the few commands the test needs, with a
 * hand-rolled JSON writer and parser (the flamegraph module has no JSON dependency).
 */
public final class WebDriverClient implements AutoCloseable {
    /** The W3C key of a web element reference in JSON. */
    public static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final Process driver;
    private final HttpClient http;
    private final String base;
    private String session;

    private WebDriverClient(Process driver, HttpClient http, String base) {
        this.driver = driver;
        this.http = http;
        this.base = base;
    }

    /** Starts chromedriver and a headless Chromium session; on failure everything started is stopped. */
    public static WebDriverClient start(Path chromedriver, Path chromium, Path userDataDir, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        WebDriverClient c = new WebDriverClient(p, http, "http://127.0.0.1:" + port);
        try {
            c.awaitReady(Duration.ofSeconds(20));
            List<Object> args = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + userDataDir);
            Map<String, Object> chrome = map("binary", chromium.toString(), "args", args);
            // Deadlines, not speed checks: a 100,000-frame graph took over 30 s to load beside stress-ng --cpu 4.
            Map<String, Object> always = map("browserName", "chrome", "goog:chromeOptions", chrome,
                    "pageLoadStrategy", "normal", "timeouts", map("pageLoad", 120_000, "script", 120_000));
            Object v = c.call("POST", "/session", map("capabilities", map("alwaysMatch", always)));
            c.session = (String) ((Map<?, ?>) v).get("sessionId");
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new IOException("chromedriver exited with " + driver.exitValue());
            }
            try {
                Object v = call("GET", "/status", null);
                if (v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("ready"))) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IOException("chromedriver not ready within " + timeout, last);
    }

    public void navigate(String url) throws Exception {
        call("POST", s("/url"), map("url", url));
    }

    public String currentUrl() throws Exception {
        return (String) call("GET", s("/url"), null);
    }

    /** Runs a synchronous script; elements in the result come back as {@link #ELEMENT} maps. */
    public Object execute(String script, Object... args) throws Exception {
        return call("POST", s("/execute/sync"), map("script", script, "args", List.of(args)));
    }

    /** Runs an asynchronous script: its last argument is the callback. */
    public Object executeAsync(String script, Object... args) throws Exception {
        return call("POST", s("/execute/async"), map("script", script, "args", List.of(args)));
    }

    /** A reference to the element matching a CSS selector (no such element: a WebDriverException). */
    public Map<String, Object> find(String css) throws Exception {
        return ref((Map<?, ?>) call("POST", s("/element"), map("using", "css selector", "value", css)));
    }

    /** WebDriver's element click: scrolls into view, checks the element is not obscured, clicks its centre. */
    public void click(Map<String, Object> element) throws Exception {
        call("POST", s("/element/" + element.get(ELEMENT) + "/click"), map());
    }

    /**
     * W3C actions of one mouse, performed in order and then released: {@link #move}, {@link #down}, {@link #up}.
     * Real input events, as a user's hand makes them (mousemove, mousedown, mouseup, click).
     */
    public void mouse(Object... steps) throws Exception {
        Map<String, Object> source = map("type", "pointer", "id", "mouse", "parameters", map("pointerType", "mouse"),
                "actions", List.of(steps));
        call("POST", s("/actions"), map("actions", List.of(source)));
        call("DELETE", s("/actions"), null);
    }

    /** A move to {@code x, y} CSS pixels from the centre of {@code element}. */
    public static Map<String, Object> move(Map<String, Object> element, long x, long y) {
        return map("type", "pointerMove", "duration", 50, "origin", element, "x", x, "y", y);
    }

    public static Map<String, Object> down() {
        return map("type", "pointerDown", "button", 0);
    }

    public static Map<String, Object> up() {
        return map("type", "pointerUp", "button", 0);
    }

    /** The handles of the session's windows and tabs (a page's window.open adds one). */
    public List<String> windowHandles() throws Exception {
        return ((List<?>) call("GET", s("/window/handles"), null)).stream().map(String::valueOf).toList();
    }

    /** Makes {@code handle}'s window the one the next commands act in. */
    public void switchToWindow(String handle) throws Exception {
        call("POST", s("/window"), map("handle", handle));
    }

    /** Closes the current window (switch to another before the next command). */
    public void closeWindow() throws Exception {
        call("DELETE", s("/window"), null);
    }

    /** The secondary button's down and up (a right-click, which opens a context menu). */
    public static Map<String, Object> rightDown() {
        return map("type", "pointerDown", "button", 2);
    }

    public static Map<String, Object> rightUp() {
        return map("type", "pointerUp", "button", 2);
    }

    /** WebDriver's element send keys: focuses the element and types {@code text} ("\uE007" is Enter). */
    public void type(Map<String, Object> element, String text) throws Exception {
        call("POST", s("/element/" + element.get(ELEMENT) + "/value"), map("text", text));
    }

    public boolean displayed(Map<String, Object> element) throws Exception {
        return Boolean.TRUE.equals(call("GET", s("/element/" + element.get(ELEMENT) + "/displayed"), null));
    }

    public static Map<String, Object> ref(Map<?, ?> m) {
        Object id = m.get(ELEMENT);
        if (id == null) {
            throw new IllegalArgumentException("not an element reference: " + m);
        }
        return map(ELEMENT, id);
    }

    private String s(String path) {
        return "/session/" + session + path;
    }

    /** One WebDriver command: the response's "value", or a WebDriverException for an error response. */
    public Object call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(150));
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Object parsed = r.body().isEmpty() ? Map.of() : Json.parse(r.body());
        Object value = parsed instanceof Map<?, ?> m ? m.get("value") : null;
        if (r.statusCode() != 200) {
            String msg = value instanceof Map<?, ?> v ? v.get("error") + ": " + v.get("message") : r.body();
            throw new WebDriverException(method + " " + path + " -> " + r.statusCode() + " " + msg);
        }
        return value;
    }

    /** Deletes the session, then stops chromedriver and the browser processes under it, each step bounded. */
    @Override
    public void close() {
        List<ProcessHandle> children = driver.descendants().toList();
        if (session != null && driver.isAlive()) {
            try {
                HttpRequest del = HttpRequest.newBuilder(URI.create(base + s(""))).timeout(Duration.ofSeconds(10))
                        .DELETE().build();
                http.send(del, HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.out.println("WebDriverClient: deleting the WebDriver session failed: " + e);
            }
            session = null;
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, TimeUnit.SECONDS)) {
                driver.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : children) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : children) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // bounded: a process that will not die within 5 s is left to the OS
            }
        }
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static final class WebDriverException extends RuntimeException {
        public WebDriverException(String message) {
            super(message);
        }
    }

    /** Just enough JSON: maps, lists, strings, numbers (as Double or Long), booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static String write(Object o) {
            StringBuilder b = new StringBuilder();
            write(o, b);
            return b.toString();
        }

        private static void write(Object o, StringBuilder b) {
            if (o == null) {
                b.append("null");
            } else if (o instanceof String str) {
                b.append('"');
                for (int k = 0; k < str.length(); k++) {
                    char c = str.charAt(k);
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (o instanceof Number || o instanceof Boolean) {
                b.append(o);
            } else if (o instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(String.valueOf(e.getKey()), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (o instanceof List<?> l) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    write(l.get(k), b);
                }
                b.append(']');
            } else {
                throw new IllegalArgumentException("no JSON for " + o.getClass());
            }
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != text.length()) {
                throw j.error("trailing characters");
            }
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        ws();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"':
                    return string();
                case 't':
                    word("true");
                    return Boolean.TRUE;
                case 'f':
                    word("false");
                    return Boolean.FALSE;
                case 'n':
                    word("null");
                    return null;
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String num = s.substring(start, i);
                    if (num.isEmpty()) {
                        throw error("unexpected character");
                    }
                    if (num.matches("-?\\d{1,18}")) {
                        return Long.parseLong(num);
                    }
                    return Double.parseDouble(num);
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void word(String w) {
            if (!s.startsWith(w, i)) {
                throw error("expected " + w);
            }
            i += w.length();
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + i + " in JSON: "
                    + s.substring(Math.max(0, i - 40), Math.min(s.length(), i + 40)));
        }
    }
}
