package dev.saturn.agent.http;

import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.Snapshot;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Runs the scrape path (the report's Prometheus text and counters, the server's request handling, gzip) a few hundred
 * times once the first report is out, so C1 compiles it at start rather than over the first minutes of
 * one scrape a second. Requests go to the agent's own port from this host, as a scraper's would.
 */
public final class HttpWarmUp {
    private static final int TIMEOUT_MILLIS = 2000;

    private HttpWarmUp() {
    }

    /** Returns the requests that were answered; stops at the first that fails (the server is closing). */
    public static int run(UseReport report, Snapshot snapshot, InetSocketAddress server, String bearerToken, int rounds) {
        ReportText pages = new ReportText();
        for (int i = 0; i < rounds; i++) {
            // the page itself, made afresh each round: the scrapes below are answered from the one page of this sample
            pages.text(report, snapshot, 0, 0, 0, null, 0);
        }
        InetAddress host = server.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : server.getAddress();
        String literal = host.getHostAddress();
        String hostHeader = literal.contains(":") ? "[" + literal + "]" : literal;
        byte[] request = ("GET /metrics HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept-Encoding: gzip\r\n"
                + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        // One kept-alive connection, as a Prometheus server scrapes: a connection per request would compile
        // the server's accept and close and a client's sockets, code that a scrape never runs again.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, server.getPort()), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            for (int i = 0; i < rounds; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    return i;
                }
                out.write(request);
                out.flush();
                if (!answered(in)) {
                    return i;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return rounds;
    }

    /** Reads one answer: its head up to the blank line, then Content-Length bytes of body. */
    private static boolean answered(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder(256);
        while (!(head.length() >= 4 && head.charAt(head.length() - 1) == '\n' && head.charAt(head.length() - 3) == '\n')) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                return false;
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            return false;
        }
        int at = head.toString().toLowerCase(java.util.Locale.ROOT).indexOf("\r\ncontent-length: ");
        if (at < 0) {
            return false;
        }
        int from = at + "\r\ncontent-length: ".length();
        long length = Long.parseLong(head.substring(from, head.indexOf("\r", from)).trim());
        in.skipNBytes(length);
        return true;
    }
}
