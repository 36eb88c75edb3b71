package dev.saturn.cli.agent;

import dev.saturn.cli.common.UserException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** --listen HOST:PORT, [V6]:PORT or :PORT (every interface). */
final class ListenAddress {
    private ListenAddress() {
    }

    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new UserException("--listen " + text + " has no port: give HOST:PORT, e.g. 127.0.0.1:9273");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new UserException("--listen " + text + ": the port must be a number from 0 to 65535");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            InetAddress address = host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host);
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new UserException("--listen " + text + ": cannot resolve " + host + " (give an IP address)");
        }
    }
}
