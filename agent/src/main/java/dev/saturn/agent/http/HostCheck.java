package dev.saturn.agent.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Host names a request may carry (against DNS rebinding: a page on evil.example whose name now points at
 * 127.0.0.1 sends Host: evil.example). Allowed: the listen address itself, localhost and the loopback addresses
 * when listening on loopback, every address of this host when listening on all of them, and the names given with
 * --allowed-host. The port is not compared (a proxy may forward another one).
 */
public final class HostCheck {
    private final Set<String> allowed;

    private HostCheck(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public static HostCheck forListen(InetAddress listen, Collection<String> names) {
        Set<String> allowed = new TreeSet<>();
        for (String name : names) {
            allowed.add(normalized(name));
        }
        if (listen.isLoopbackAddress() || listen.isAnyLocalAddress()) {
            allowed.addAll(Set.of("localhost", "127.0.0.1", normalized("::1")));
        }
        if (listen.isAnyLocalAddress()) {
            allowed.addAll(interfaceAddresses());
        } else {
            allowed.add(normalized(listen.getHostAddress()));
        }
        return new HostCheck(allowed);
    }

    /** An --allowed-host value: a host name or an IP address, without a scheme, a port or a path. */
    public static String checkName(String name) {
        boolean v6 = name.startsWith("[") ? name.endsWith("]") : name.chars().filter(c -> c == ':').count() >= 2;
        String bare = v6 && name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        if (bare.isEmpty() || bare.length() > 253 || !bare.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.' || (v6 && (c == ':' || c == '%')))) {
            throw new IllegalArgumentException("--allowed-host " + name + ": give a host name or address without scheme, port or path"
                    + " (e.g. --allowed-host web1.example.net)");
        }
        return name;
    }

    /** The allowed names, for the start-up line and the 421's message. */
    public Set<String> names() {
        return allowed;
    }

    /** {@code host}: the Host header as sent ("name", "name:port", "[v6]:port"); null (HTTP/1.0 without one) passes. */
    boolean allows(String host) {
        if (host == null) {
            return true;
        }
        String name = host;
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            if (close < 0 || (close + 1 < name.length() && !port(name.substring(close + 1)))) {
                return false;
            }
            name = name.substring(1, close);
        } else {
            int colon = name.indexOf(':');
            if (colon >= 0) {
                if (!port(name.substring(colon))) {
                    return false;
                }
                name = name.substring(0, colon);
            }
        }
        return allowed.contains(normalized(name));
    }

    private static boolean port(String colonPort) {
        return colonPort.length() > 1 && colonPort.length() <= 6 && colonPort.charAt(0) == ':'
                && colonPort.substring(1).chars().allMatch(Character::isDigit);
    }

    private static String normalized(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        int zone = n.indexOf('%');
        if (!n.contains(":")) {
            return n;
        }
        try {
            // an IPv6 literal in one spelling: [::1] and 0:0:0:0:0:0:0:1 are the same host (a literal: no DNS lookup)
            return InetAddress.getByName(zone > 0 ? n.substring(0, zone) : n).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return n;
        }
    }

    private static Set<String> interfaceAddresses() {
        Set<String> out = new TreeSet<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                nic.inetAddresses().forEach(a -> out.add(normalized(a.getHostAddress())));
            }
        } catch (SocketException e) {
            // no interface list: only the names given and loopback
        }
        return out;
    }
}
