package dev.saturn.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that try to stall an agent, each on its own thread until {@link #close}: slowloris clients sending a
 * request head one header a second (they reconnect when cut off), idle connections that send nothing (likewise),
 * slow readers of a big /api/v1/history answer (512 bytes every half second through a 4 KB receive buffer), and
 * loaders fetching a history window as fast as it comes. {@link #scrape} times /metrics scrapes beside them, over
 * one kept-alive connection as Prometheus does. Also a program ({@link #main}), for bench/http-hostile.sh and for
 * tests that run the load in a JVM of its own, as it would be: its garbage does not pause the agent's.
 */
public final class HostileClients implements AutoCloseable {
    private final InetSocketAddress agent;
    private final String host;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    final AtomicLong headsCutOff = new AtomicLong();
    final AtomicLong idleClosed = new AtomicLong();
    final AtomicLong slowReaderBytes = new AtomicLong();
    final AtomicLong historyAnswers = new AtomicLong();
    final AtomicLong historyFailures = new AtomicLong();

    private HostileClients(InetSocketAddress agent) {
        this.agent = agent;
        this.host = "127.0.0.1:" + agent.getPort();
    }

    public static HostileClients start(InetSocketAddress agent, String bigHistory, String historyLoad,
                                       int slowloris, int idle, int slowReaders, int loaders) {
        HostileClients h = new HostileClients(agent);
        for (int i = 0; i < slowloris; i++) {
            h.spawn("slowloris-" + i, h::slowloris);
        }
        for (int i = 0; i < idle; i++) {
            h.spawn("idle-" + i, h::idle);
        }
        for (int i = 0; i < slowReaders; i++) {
            h.spawn("slow-reader-" + i, () -> h.slowReader(bigHistory));
        }
        for (int i = 0; i < loaders; i++) {
            h.spawn("history-load-" + i, () -> h.load(historyLoad));
        }
        return h;
    }

    private interface Client {
        void run() throws Exception;
    }

    private void spawn(String name, Client client) {
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    client.run();
                } catch (Exception e) {
                    if (running) {
                        pause(200);
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(agent, 5000);
        return s;
    }

    private void slowloris() throws IOException {
        try (Socket s = connect(0)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("GET /metrics HTTP/1.1\r\nHost: " + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; running; i++) {
                try {
                    out.write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (in.read(new byte[512]) != 0) { // an answer (408) or the end: cut off by the server
                        headsCutOff.incrementAndGet();
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // a second has passed: the next header
                } catch (IOException e) {
                    headsCutOff.incrementAndGet();
                    return;
                }
            }
        } finally {
            sockets.removeIf(Socket::isClosed);
        }
    }

    private void idle() throws IOException {
        try (Socket s = connect(0)) {
            try {
                s.getInputStream().read();
                if (running) {
                    idleClosed.incrementAndGet();
                }
            } catch (IOException e) {
                if (running) {
                    idleClosed.incrementAndGet();
                }
            }
        } finally {
            sockets.removeIf(Socket::isClosed);
        }
    }

    private void slowReader(String target) throws IOException {
        try (Socket s = connect(4096)) {
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[512];
            while (running) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                slowReaderBytes.addAndGet(n);
                pause(500);
            }
        } finally {
            sockets.removeIf(Socket::isClosed);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** One request of the load; a JSON answer must be whole (a cut-off chunked one fails in the client). */
    private void load(String target) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://" + host + target)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(r.body(), StandardCharsets.UTF_8).strip();
            if (r.statusCode() == 200 && (!body.startsWith("{") || body.endsWith("]}"))) {
                historyAnswers.incrementAndGet();
                return;
            }
        } catch (IOException | InterruptedException e) {
            if (!running) {
                return;
            }
        }
        historyFailures.incrementAndGet();
        pause(200);
    }

    /** {@code n} scrapes of /metrics, one every {@code every}, over one kept-alive connection with gzip; their times in microseconds. */
    public static long[] scrape(InetSocketAddress agent, int n, Duration every) throws Exception {
        HttpClient scraper = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.getPort() + "/metrics"))
                .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(30)).build();
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = scraper.send(request, HttpResponse.BodyHandlers.ofByteArray());
            micros[i] = (System.nanoTime() - start) / 1000;
            if (r.statusCode() != 200 || r.body().length < 100) {
                throw new AssertionError("scrape " + i + ": " + r.statusCode() + ", " + r.body().length + " bytes");
            }
            long left = every.toMillis() - micros[i] / 1000;
            if (left > 0) {
                Thread.sleep(left);
            }
        }
        return micros;
    }

    /** The {@code q} quantile (0..1) of {@code micros}, nearest rank, in milliseconds. */
    public static double quantileMillis(long[] micros, double q) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1000.0;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /** "counters ..." as the load mode prints them, and a child JVM's test reads back. */
    String counters() {
        return "heads_cut_off " + headsCutOff.get() + " idle_closed " + idleClosed.get() + " slow_reader_bytes " + slowReaderBytes.get()
                + " history_answers " + historyAnswers.get() + " history_failures " + historyFailures.get();
    }

    /**
     * {@code PORT load BIG_HISTORY_TARGET LOAD_TARGET}: the 50 hostile clients and 2 loaders until killed, their
     * counters printed every half second; {@code PORT quiet|hostile SCRAPES EVERY_MS [BIG LOAD]}: timed scrapes
     * alone or beside them, one line of figures.
     */
    public static void main(String[] args) throws Exception {
        InetSocketAddress agent = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        if (args[1].equals("load")) {
            try (HostileClients h = start(agent, args[2], args[3], 20, 15, 15, 2)) {
                while (true) {
                    System.out.println(h.counters());
                    System.out.flush();
                    Thread.sleep(500);
                }
            }
        }
        boolean hostile = args[1].equals("hostile");
        int n = Integer.parseInt(args[2]);
        Duration every = Duration.ofMillis(Long.parseLong(args[3]));
        scrape(agent, 20, every); // warm-up, not counted
        try (HostileClients h = hostile ? start(agent, args[4], args[5], 20, 15, 15, 2) : null) {
            if (h != null) {
                pause(6000); // every slowloris has been cut off once and is back
            }
            long[] micros = scrape(agent, n, every);
            System.out.printf("%s scrapes %d median_ms %.2f p99_ms %.2f max_ms %.2f%s%n", args[1], n, quantileMillis(micros, 0.5),
                    quantileMillis(micros, 0.99), quantileMillis(micros, 1.0), h == null ? "" : " " + h.counters());
        }
    }
}
