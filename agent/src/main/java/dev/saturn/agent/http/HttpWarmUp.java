package dev.saturn.agent.http;

import dev.saturn.analyzers.use.UseReport;
import dev.saturn.collectors.snapshot.Snapshot;
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
        for (int i = 0; i < rounds; i++) {
            // the page itself, made afresh each round: the scrapes below are answered from the one page of this sample
            ReportText.text(report, snapshot, 0, 0, 0, null, 0);
        }
        InetAddress host = server.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : server.getAddress();
        String literal = host.getHostAddress();
        String hostHeader = literal.contains(":") ? "[" + literal + "]" : literal;
        byte[] request = ("GET /metrics HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept-Encoding: gzip\r\nConnection: close\r\n"
                + (bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] sink = new byte[16 * 1024];
        for (int i = 0; i < rounds; i++) {
            if (Thread.currentThread().isInterrupted() || !answered(host, server.getPort(), request, sink)) {
                return i;
            }
        }
        return rounds;
    }

    private static boolean answered(InetAddress host, int port, byte[] request, byte[] sink) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            long read = 0;
            for (int n; (n = in.read(sink)) > 0; ) {
                read += n;
            }
            return read > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
